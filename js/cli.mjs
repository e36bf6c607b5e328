// The `passpolicy` command line (the package's `bin`; `npx passpolicy --help`). The build copies
// this file into pkg/ as cli.mjs with a `#!/usr/bin/env node` line and the executable bit; it uses
// the package's own Node entry next to it, so it runs the same wasm as `import 'passpolicy'`.
//
// Commands: check, normalize, detect, describe, generate, convert (`passpolicy --help`).
// Exit status: 0 success (check: every password passed), 1 a password failed or a line could not
// be checked, 2 bad usage, an unreadable file or a bad policy, 130 interrupted (Ctrl-C).
//
// `check` streams: input is read in chunks and split on "\n" by hand (a line never exceeds
// MAX_LINE_BYTES in memory), output is written in batches that wait for 'drain' when `write`
// returns false, so memory stays constant whatever the input size. Set PASSPOLICY_CLI_MEMORY=1 to
// get `process.memoryUsage()`, `process.cpuUsage()` and the seconds spent reading and checking as
// one JSON line on stderr at the end (the tests and tests/cli/throughput.mjs use it).

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { MAX_LINE_BYTES, isUtf8, readLines } from './lines.mjs';

const require = createRequire(import.meta.url);
/** The package's Node entry, loaded (with the wasm) only when a command runs: help is instant. */
let pp;
const VERSION = (() => {
  try {
    return require('./package.json').version;
  } catch {
    return 'unknown';
  }
})();

/** Output is written in batches of about this many characters. */
const OUT_BATCH = 1 << 16;
/** `generate` asks the library for at most this many passwords per call. */
const GENERATE_BATCH = 1000;
const GENERATE_MAX = 1_000_000;
const LOCALES = ['en', 'de', 'fr', 'es'];
const KNOWN_VENDORS = 'meraki, sailpoint, sumologic, scaleway, longjump, aws-iam, aws-cognito, okta, auth0, keycloak, firebase, supabase, pingone, active-directory, entra, kratos, fusionauth, zitadel, passwordrules, canonical';

// ---------------------------------------------------------------------------------------------
// Help

const MAIN_HELP = `passpolicy ${VERSION}: normalize password-policy documents of many vendors into one
canonical policy, and check passwords against it.

Usage: passpolicy <command> [options]

Commands:
  check      check passwords (one per line, from a file or stdin) against a policy:
             one JSON line per password, or a summary
  normalize  print the canonical policy and the adapter's warnings (JSON)
  detect     print the vendor id of a policy document
  describe   print the policy's rules and settings in words (en, de, fr, es)
  generate   generate passwords that satisfy a policy
  convert    convert a policy to passwordrules, HTML input attributes or canonical JSON

Run 'passpolicy <command> --help' for a command's options and an example.

Documents: JSON (or LongJump XML, Keycloak and passwordrules text) of ${KNOWN_VENDORS}.
The vendor is detected from the document's fields; --vendor V overrides detection.

Exit status: 0 success, 1 a password failed (check), 2 bad usage or a bad policy,
130 interrupted (Ctrl-C).

Example:
  passpolicy check --policy policy.json passwords.txt > report.jsonl
`;

const HELP = {
  check: `Usage: passpolicy check --policy FILE [options] [PASSWORDS|-]

Checks passwords, one per line, read from the file PASSWORDS or from standard input (no file,
or -). Each line is one password: only the line ending (\\n or \\r\\n) is removed, nothing else is
trimmed, so spaces count; a UTF-8 byte order mark at the start is ignored. The input must be
UTF-8: a line that is not (or is longer than 1 MiB) gets an error record and is not checked.

Writes one JSON line per password, never the password itself, only its line number:
  {"line":3,"ok":false,"failed":["length.min","chars.digit"],"score":1}
"failed" lists the ids of the failed rules, each once (chars.set and chars.types stand for
every such rule of the policy); "score" is the zxcvbn score 0-4 (null with --no-strength).
A line that could not be checked:
  {"line":7,"ok":false,"failed":[],"score":null,"error":{"code":"invalid_utf8","message":"..."}}

Options:
  --policy FILE     the policy document (required; any vendor's, see 'passpolicy --help')
  --vendor V        read the document as vendor V's instead of detecting it
  --index N         which policy of a list document (SailPoint or Okta list), from 0
  --context FILE    a JSON file with what is known about the user, applied to every password:
                    {"username":"ann","email":"ann@example.com","previousPasswords":["..."],
                     "accountId":"...","accountName":"...","attributes":{...},"dictionary":[...]}
  --summary         print one JSON object with the counts per failed rule and per score
                    instead of a line per password
  --languages L     the word lists of the common-password rule and the strength estimate,
                    comma-separated: en (default, zxcvbn's English), de, fr, es (language
                    packs; with one, diacritics are folded: pässwörd counts as password)
  --no-strength     skip the zxcvbn strength estimate (and the policy's strength.min rule):
                    "score" is null, and checking is 10 to 30 times faster (the estimate
                    dominates the cost, most of all for long passwords)
  --breach-endpoint URL
                    decide the policy's breached rule (dictionary.breached) per password with
                    a Pwned Passwords range API at URL (e.g. your own mirror, or
                    https://api.pwnedpasswords.com/range): only the first 5 hex characters of
                    each password's SHA-1 are sent, one request per distinct prefix (cached);
                    a failed lookup is an error record ("network", "bad_response")
  --breach-concurrency N
                    at most N lookups at a time (default 4, 1 to 64)
  --progress        show progress on stderr even when it is not a terminal
  --no-progress     never show progress (default: shown when stderr is a terminal)
  -h, --help        this help

Exit status: 0 every password passed, 1 at least one failed or could not be checked,
2 bad usage, an unreadable file, a bad policy or context, 130 interrupted (Ctrl-C: the output
written so far is complete lines).

Examples:
  passpolicy check --policy okta.json --index 0 passwords.txt > report.jsonl
  cat passwords.txt | passpolicy check --policy sumologic.json --summary --no-strength
`,
  normalize: `Usage: passpolicy normalize FILE [options]

Prints the canonical policy of a vendor document as JSON: {"vendor", "policy", "warnings"}, or an
array of those for a list document (SailPoint, Okta). FILE may be - for standard input.

Options:
  --vendor V     read the document as vendor V's instead of detecting it
  --index N      only the policy at index N of a list document
  --policy-only  print only the canonical policy (needs a single policy, or --index)
  --compact      one line of JSON instead of indented JSON
  -h, --help     this help

Example:
  passpolicy normalize sailpoint-list.json --index 1 --policy-only > canonical.json
`,
  detect: `Usage: passpolicy detect FILE

Prints the vendor id of a policy document (one of: ${KNOWN_VENDORS}).
FILE may be - for standard input. Exit status 2 when no vendor, or more than one, matches.

Options:
  -h, --help   this help

Example:
  passpolicy detect policy.json
`,
  describe: `Usage: passpolicy describe FILE [options]

Prints the policy's rules (what a password must satisfy) and settings (expiry, lockout,
sessions, MFA, network, API keys) in words, and the adapter's warnings.

Options:
  --locale L   the language: en (default), de, fr or es (another tag: English, with a note)
  --vendor V   read the document as vendor V's instead of detecting it
  --index N    which policy of a list document, from 0
  --json       print {"locale","rules":[{code,field,text}],"settings":[...]} instead
  -h, --help   this help

Example:
  passpolicy describe okta.json --index 0 --locale de
`,
  generate: `Usage: passpolicy generate FILE [options]

Prints passwords that satisfy the policy, one per line, made from the system's secure random
source.

Options:
  -n, --count N        how many passwords (default 1)
  --length L           the length, in the policy's length unit (default: the policy's minimum
                       or 20, whichever is larger)
  --exclude-ambiguous  leave out I, l, 1, O and 0
  --context FILE       a JSON file with what is known about the user (see check --help), so
                       that the passwords avoid the username, previous passwords, ...
  --vendor V           read the document as vendor V's instead of detecting it
  --index N            which policy of a list document, from 0
  --json               print the library's result ({"passwords","entropyBits",...}) instead
                       (N up to ${GENERATE_BATCH})
  -h, --help           this help

Example:
  passpolicy generate aws-iam.json -n 5 --length 24
`,
  convert: `Usage: passpolicy convert FILE --to FORMAT [options]

Converts a policy to another form:
  --to passwordrules  the Apple/WHATWG passwordrules attribute value ("minlength: 8; ...");
                      rules it cannot express are listed on stderr
  --to html           the attributes of an <input type="password"> (minlength, maxlength,
                      passwordrules, autocomplete, pattern)
  --to canonical      the canonical policy JSON (as 'normalize --policy-only')

Options:
  --vendor V   read the document as vendor V's instead of detecting it
  --index N    which policy of a list document, from 0
  --json       print JSON ({"rules","unsupported"} for passwordrules, the attributes for html)
  -h, --help   this help

Example:
  passpolicy convert sumologic.json --to passwordrules
`,
};

// ---------------------------------------------------------------------------------------------
// Errors

/** An error the CLI reports and exits with (2 unless said otherwise). */
class CliError extends Error {
  constructor(message, { hint, exit = 2, code, path, isUsage = false } = {}) {
    super(message);
    this.isUsage = isUsage;
    this.hint = hint;
    this.exit = exit;
    this.code = code;
    this.path = path;
  }
}

const usage = (message, hint) => new CliError(message, { hint, isUsage: true });

/** Says what to do about a library error raised by a policy document. */
function policyHint(e, file) {
  const msg = String(e.message ?? '');
  switch (e.code) {
    case 'invalid_json':
      return `${file} is not valid JSON (nor another format a vendor uses): fix the document, or pass --vendor V if it is a text format.`;
    case 'invalid_xml':
      return `${file} is XML but malformed: fix the document.`;
    case 'unknown_vendor':
      return e.path === 'vendor'
        ? `--vendor takes one of: ${KNOWN_VENDORS}.`
        : `No vendor was recognized from the fields: pass --vendor V with one of: ${KNOWN_VENDORS}.`;
    case 'ambiguous_vendor':
      return `Pass --vendor V to say which vendor's document it is.`;
    case 'vendor_mismatch':
      return `${file} is not a document of the --vendor given: leave --vendor out to detect the vendor, or pass the right one.`;
    case 'too_large':
      return `The document is too large (more than 1 MiB) or too deeply nested.`;
    case 'unsatisfiable':
      return `No password can satisfy this policy: fix the conflicting fields in ${file}.`;
    default:
      if (/holds \d+ polic/.test(msg) || e.path === 'index') {
        return `Pass --index N to pick one policy of the list ('passpolicy normalize ${file}' shows them all).`;
      }
      if (e.path && e.path.startsWith('context')) return `Fix the field ${e.path} of the context file.`;
      if (e.path && e.path.startsWith('options')) return undefined;
      return e.path && e.path !== '$' ? `Fix the field ${e.path} in ${file}.` : undefined;
  }
}

/** A library error (a PassPolicyError with code and path) as a CliError. */
function fromLibraryError(e, what, file) {
  if (!(e instanceof Error)) return new CliError(`${what}: ${String(e)}`);
  if (!pp.isPassPolicyError(e)) return new CliError(`${what}: ${e.message}`);
  // The library's messages address JS callers ("pass { vendor }"): say it the CLI's way.
  const message = e.message.replace(/pass \{ vendor \}/g, 'pass --vendor V');
  return new CliError(`${what}: ${message}`, { code: e.code, path: e.path, hint: policyHint(e, file) });
}

/**
 * `text` (which may quote a document's keys or values) made safe for a terminal: every control
 * character but a newline is shown as a visible escape (`\x1b` → `\u001b`), so that no document
 * can move the cursor, erase lines or set the window title. JSON output needs none of this:
 * JSON.stringify escapes control characters already.
 */
function terminalSafe(text) {
  return String(text).replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function report(cmd, e) {
  const who = cmd ? `passpolicy ${cmd}` : 'passpolicy';
  if (e instanceof CliError) {
    let text = `${who}: error: ${terminalSafe(e.message)}\n`;
    if (e.code) text += `  code: ${e.code}\n  path: ${terminalSafe(e.path ?? '(none)')}\n`;
    if (e.hint) text += `${terminalSafe(e.hint)}\n`;
    if (e.isUsage) text += `Run 'passpolicy${cmd ? ` ${cmd}` : ''} --help' for usage.\n`;
    process.stderr.write(text);
    return e.exit;
  }
  process.stderr.write(`${who}: internal error: ${e?.stack ?? e}\nPlease report it with the command that caused it.\n`);
  return 2;
}

// ---------------------------------------------------------------------------------------------
// Arguments

/**
 * Parses `argv` by `spec`: `{ name: { type: 'string' | 'boolean', short?: 'n' } }`.
 * Accepts --name value, --name=value, -n value, -n5; `--` ends the options; `-` is positional.
 */
function parseArgs(argv, spec, cmd) {
  const values = {};
  const positionals = [];
  const shorts = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([name, s]) => [s.short, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name;
    let inline;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      name = shorts.get(arg[1]);
      if (!name) throw usage(`unknown option ${arg}`);
      inline = arg.length > 2 ? arg.slice(arg[2] === '=' ? 3 : 2) : undefined;
    }
    const s = spec[name];
    if (!s) {
      const close = closest(name, Object.keys(spec));
      throw usage(`unknown option --${name}${close ? ` (did you mean --${close}?)` : ''}`);
    }
    if (s.type === 'boolean') {
      if (inline !== undefined) throw usage(`--${name} takes no value`);
      values[name] = true;
    } else {
      let v = inline;
      if (v === undefined) {
        if (i + 1 >= argv.length) throw usage(`--${name} needs a value`);
        v = argv[++i];
      }
      if (name in values) throw usage(`--${name} is given twice`);
      values[name] = v;
    }
  }
  return { values, positionals };
}

/** The candidate within edit distance 2 of `word` (or that it abbreviates), if any. */
function closest(word, candidates) {
  const distance = (a, b) => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  };
  let best;
  let bestD = 3;
  for (const c of candidates) {
    const d = word.length >= 2 && c.startsWith(word) ? 1 : distance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function intOption(values, name, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const v = values[name];
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw usage(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}`);
  }
  return Number(v);
}

function onePositional(positionals, what) {
  if (positionals.length === 0) throw usage(`missing ${what}`);
  if (positionals.length > 1) throw usage(`expected one ${what}, got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0];
}

// ---------------------------------------------------------------------------------------------
// Files and policies

/** The most a policy or context file may hold: the library's limits (a policy document 1 MiB;
 * a context 4 MiB). Files are read up to one byte past the limit, never whole. */
const MAX_FILE_BYTES = { policy: 1 << 20, 'context file': 4 << 20 };

/** Reads at most `max + 1` bytes of `file` (or stdin for `-`): a device such as /dev/zero or a
 * huge file costs no more than that. */
function readBounded(file, max) {
  const fd = file === '-' ? 0 : fs.openSync(file, 'r');
  try {
    const chunks = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(64 * 1024);
    while (total <= max) {
      let n;
      try {
        n = fs.readSync(fd, buf, 0, Math.min(buf.length, max + 1 - total), null);
      } catch (e) {
        if (e.code === 'EAGAIN') continue; // a non-blocking stdin not ready yet
        if (e.code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}

/** Reads a text file (or stdin for `-`) as UTF-8 without a BOM, within its size limit. */
function readText(file, what) {
  let bytes;
  const max = MAX_FILE_BYTES[what] ?? 1 << 20;
  try {
    bytes = readBounded(file, max);
  } catch (e) {
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message;
    throw new CliError(`cannot read the ${what} ${file}: ${why}`, { hint: `Check the path of the ${what}.` });
  }
  if (bytes.length > max) {
    throw new CliError(`the ${what} ${file} is larger than ${max} bytes`, {
      code: 'too_large',
      hint: `A ${what} holds at most ${max} bytes; check that this is the right file.`,
    });
  }
  if (!isUtf8(bytes)) throw new CliError(`the ${what} ${file} is not UTF-8 text`, { hint: `Save the ${what} as UTF-8.` });
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function policyOptions(values, extra = {}) {
  const opts = { ...extra };
  if (values.vendor !== undefined) opts.vendor = values.vendor;
  const index = intOption(values, 'index');
  if (index !== undefined) opts.index = index;
  return opts;
}

/** `--languages en,de`: the codes, or undefined when not given. */
function languagesOption(value) {
  if (value === undefined) return undefined;
  const codes = value.split(',').map((c) => c.trim().toLowerCase());
  const bad = codes.find((c) => !['en', 'de', 'fr', 'es'].includes(c));
  if (bad !== undefined) throw usage(`--languages takes en, de, fr or es, comma-separated, not ${JSON.stringify(bad.slice(0, 16))}`);
  return [...new Set(codes)];
}

function loadPolicy(file, values, extra) {
  const text = readText(file, 'policy');
  try {
    return pp.PasswordPolicy.from(text, policyOptions(values, extra));
  } catch (e) {
    throw fromLibraryError(e, `the policy ${file} cannot be used`, file);
  }
}

function loadContext(file) {
  if (file === undefined) return undefined;
  const text = readText(file, 'context file');
  let ctx;
  try {
    ctx = JSON.parse(text);
  } catch {
    // Not V8's message: it quotes the text around the error, and a context file holds passwords
    // (and a password file passed as --context by mistake would be printed).
    throw new CliError(`the context file ${file} is not valid JSON (its content is not shown: it may hold passwords)`, {
      hint: 'It must be a JSON object such as {"username":"ann","email":"ann@example.com"}.',
    });
  }
  if (ctx === null || typeof ctx !== 'object' || Array.isArray(ctx)) {
    throw new CliError(`the context file ${file} must hold a JSON object`, {
      hint: 'For example {"username":"ann","email":"ann@example.com","previousPasswords":["..."]}.',
    });
  }
  return ctx;
}

function requireMethod(policy, name, what) {
  if (typeof policy[name] !== 'function') {
    throw new CliError(`${what} is not available in this build of passpolicy (${VERSION}): it has no PasswordPolicy#${name}`, {
      hint: 'Upgrade passpolicy to a version that has it.',
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const out = process.stdout;
let outputClosed = false;
/** Set once a command has written all its output: an output error after it changes nothing. */
let finished = false;
out.on('error', (e) => {
  outputClosed = true;
  if (finished) process.exit(process.exitCode ?? 0);
  if (e.code === 'EPIPE') {
    // The reader went away (`| head`) before the run ended: stop quietly, but never claim success
    // for a run that did not finish: 141 is what a shell reports for a program ended by SIGPIPE.
    process.exit(141);
  }
  // No space left, an I/O error: say so plainly, without a stack trace.
  process.stderr.write(`passpolicy: error: cannot write the output (${e.code ?? e.message}); the output is incomplete\n`);
  process.exit(2);
});

/** Writes `text`; resolves once it is accepted, waiting for 'drain' when the stream is full. */
function write(text) {
  if (outputClosed || text.length === 0) return undefined;
  if (out.write(text)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** Resolves once everything written so far is handed to the OS. */
function flushed() {
  if (outputClosed) return Promise.resolve();
  return new Promise((resolve) => out.write('', () => resolve()));
}

const json = (v, compact) => (compact ? JSON.stringify(v) : JSON.stringify(v, null, 2));

// ---------------------------------------------------------------------------------------------
// check

/** Progress on stderr: count, rate, and percentage and time left when the input size is known. */
class Progress {
  constructor(enabled, totalBytes) {
    this.enabled = enabled;
    this.total = totalBytes;
    this.start = Date.now();
    this.last = 0;
  }

  update(lines, bytes, force = false) {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 250) return;
    this.last = now;
    const secs = Math.max((now - this.start) / 1000, 1e-3);
    const rate = lines / secs;
    let text = `${lines.toLocaleString('en-US')} passwords, ${Math.round(rate).toLocaleString('en-US')}/s`;
    if (this.total) {
      const frac = Math.min(bytes / this.total, 1);
      text += `, ${(frac * 100).toFixed(1)}%`;
      if (frac > 0 && frac < 1) text += `, ${duration((secs * (1 - frac)) / frac)} left`;
    }
    process.stderr.write(`\r\x1b[K${text}`);
  }

  done(lines, interrupted) {
    if (!this.enabled) return;
    const secs = Math.max((Date.now() - this.start) / 1000, 1e-3);
    process.stderr.write(
      `\r\x1b[K${interrupted ? 'interrupted after' : 'checked'} ${lines.toLocaleString('en-US')} passwords in ${duration(secs)} (${Math.round(lines / secs).toLocaleString('en-US')}/s)\n`,
    );
  }
}

function duration(secs) {
  const s = Math.round(secs);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * The passwords to check: a file, or standard input for `-`. Opened at once, so that a missing
 * file is an error before any output. `totalBytes`: the size of a regular file (for progress).
 */
function openPasswords(inputFile) {
  let fd = 0;
  if (inputFile !== '-') {
    try {
      fd = fs.openSync(inputFile, 'r');
    } catch (e) {
      const why = e.code === 'ENOENT' ? 'no such file' : e.message;
      throw new CliError(`cannot read the passwords ${inputFile}: ${why}`, { hint: 'Check the path, or pass - to read standard input.' });
    }
  }
  let totalBytes = null;
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new CliError(`cannot read the passwords ${inputFile}: it is a directory`);
    if (st.isFile()) totalBytes = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
  }
  if (inputFile === '-' && process.stdin.isTTY) {
    process.stderr.write('passpolicy check: reading passwords from the terminal, one per line; end with Ctrl-D.\n');
  }
  // A stdin pipe or terminal is read through process.stdin; a file (also `< file`) through an fs stream.
  const input = fd === 0 && totalBytes === null ? process.stdin : fs.createReadStream(null, { fd, highWaterMark: 1 << 16 });

  return { input, totalBytes };
}

async function cmdCheck(argv) {
  const { values, positionals } = parseArgs(argv, {
    policy: { type: 'string' },
    vendor: { type: 'string' },
    index: { type: 'string' },
    context: { type: 'string' },
    summary: { type: 'boolean' },
    languages: { type: 'string' },
    'no-strength': { type: 'boolean' },
    progress: { type: 'boolean' },
    'no-progress': { type: 'boolean' },
    'breach-endpoint': { type: 'string' },
    'breach-concurrency': { type: 'string' },
  });
  if (values.policy === undefined) {
    throw usage('missing --policy FILE', 'Pass the policy document, e.g. passpolicy check --policy policy.json passwords.txt');
  }
  if (positionals.length > 1) throw usage(`expected at most one file of passwords, got ${positionals.length}: ${positionals.join(' ')}`);
  const inputFile = positionals[0] ?? '-';
  if (values.policy === '-' && inputFile === '-') {
    throw usage('the policy and the passwords cannot both come from standard input', 'Give the policy or the passwords as a file.');
  }
  if (values.progress && values['no-progress']) throw usage('--progress and --no-progress contradict each other');
  const lookup = breachLookup(values);

  const languages = languagesOption(values.languages);
  for (const l of languages ?? []) await pp.loadLanguage(l);
  const policy = loadPolicy(values.policy, values, languages ? { languages } : {});
  const context = loadContext(values.context);
  const strength = !values['no-strength'];
  const checkOne = strength ? policy.check.bind(policy) : policy.checkRules.bind(policy);
  // A bad context is bad usage: find out before reading any password.
  try {
    policy.checkRules('', context);
  } catch (e) {
    throw fromLibraryError(e, `the context file ${values.context} cannot be used`, values.context);
  }

  const { input, totalBytes } = openPasswords(inputFile);
  const progressOn = values.progress ? true : values['no-progress'] ? false : Boolean(process.stderr.isTTY);
  const progress = new Progress(progressOn, totalBytes);
  if (!strength && policy.toJSON().minStrength !== undefined) {
    process.stderr.write('passpolicy check: note: --no-strength skips the policy\'s strength.min rule.\n');
  }

  const tally = new Tally(values.summary, strength);
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: stop at once
    interrupted = true;
    input.destroy();
  };
  process.on('SIGINT', onSigint);

  /** The output not yet written: a batch of lines, written when it is about OUT_BATCH long. */
  let buf = '';
  const emit = (text) => {
    buf += text;
    if (buf.length < OUT_BATCH) return undefined;
    const pending = write(buf);
    buf = '';
    return pending;
  };
  // With --breach-endpoint every line waits for its lookup: lines are queued in input order
  // (at most `lookup.window` at a time) and written, in that order, as their lookups end.
  const queue = [];
  const drainOne = async () => {
    const make = await queue.shift();
    return emit(make());
  };
  const enqueue = (make) => {
    queue.push(make);
    return queue.length >= lookup.window ? drainOne() : undefined;
  };
  const checkLookedUp = (password) =>
    lookup.count(password).then(
      (count) => () => {
        try {
          return tally.report(checkOne(password, { ...context, breachCount: count }));
        } catch (err) {
          return tally.error(err?.code ?? 'error', `${err?.message ?? err}`);
        }
      },
      (err) => () => tally.error(err?.code ?? 'error', `${err?.message ?? err}`),
    );
  const checkLine = (bytes, start, end, valid) => {
    if (lookup.on) {
      if (!valid && !isUtf8(bytes.subarray(start, end))) {
        return enqueue(Promise.resolve(() => tally.error('invalid_utf8', 'the line is not valid UTF-8 (or holds an encoded lone surrogate); it was not checked')));
      }
      return enqueue(checkLookedUp(bytes.toString('utf8', start, end)));
    }
    if (!valid && !isUtf8(bytes.subarray(start, end))) {
      return emit(tally.error('invalid_utf8', 'the line is not valid UTF-8 (or holds an encoded lone surrogate); it was not checked'));
    }
    let report;
    try {
      report = checkOne(bytes.toString('utf8', start, end), context);
    } catch (err) {
      return emit(tally.error(err?.code ?? 'error', `${err?.message ?? err}`));
    }
    return emit(tally.report(report));
  };
  try {
    await readLines(input, {
      onLine: checkLine,
      onTooLong: () => {
        const make = () => tally.error('line_too_long', `the line is longer than ${MAX_LINE_BYTES} bytes; it was not checked`);
        return lookup.on ? enqueue(Promise.resolve(make)) : emit(make());
      },
      stopped: () => interrupted,
      onProgress: (lines, offset) => progress.update(lines, offset),
    });
  } catch (e) {
    if (!interrupted) {
      // What was checked so far is written; then report the read error.
      while (queue.length) await drainOne();
      await write(buf);
      await flushed();
      throw new CliError(`reading the passwords ${inputFile} failed after line ${tally.lines}: ${e.message}`);
    }
  }
  process.off('SIGINT', onSigint);
  // From here on a Ctrl-C does not cut a line in half: it waits for the flush below.
  process.on('SIGINT', () => {});
  while (queue.length) await drainOne();

  if (tally.summary) buf += `${json(tally.summaryObject(interrupted))}\n`;
  await write(buf);
  await flushed();
  progress.done(tally.lines, interrupted);
  if (process.env.PASSPOLICY_CLI_MEMORY) {
    const stats = { memoryUsage: process.memoryUsage(), cpuUsage: process.cpuUsage(), checkSeconds: (Date.now() - progress.start) / 1000, lines: tally.lines };
    process.stderr.write(`${JSON.stringify(stats)}\n`);
  }
  policy.free();
  if (interrupted) {
    process.stderr.write(`passpolicy check: interrupted after line ${tally.lines}; the output up to it is complete.\n`);
    return 130;
  }
  return tally.failed > 0 || tally.errors > 0 ? 1 : 0;
}

/** The most distinct prefixes whose ranges `check --breach-endpoint` keeps (about 40 KB each). */
const BREACH_CACHE_PREFIXES = 4096;

/**
 * The breach lookups of `check --breach-endpoint`: `count(password)` resolves to the password's
 * breach count. One request per distinct prefix while it is in the cache (the parsed range is
 * kept, least recently used dropped first; a failed lookup is not kept, so a later line retries);
 * at most `concurrency` requests at a time. Without --breach-endpoint, `on` is false.
 */
function breachLookup(values) {
  const url = values['breach-endpoint'];
  if (url === undefined) {
    if (values['breach-concurrency'] !== undefined) throw usage('--breach-concurrency needs --breach-endpoint URL');
    return { on: false, window: 1, count: async () => 0 };
  }
  const breach = require('./breach.cjs');
  let options;
  try {
    options = breach.breachOptions({ endpoint: url });
  } catch (e) {
    throw usage(`--breach-endpoint: ${e.message}`, 'Give the URL of a Pwned Passwords range API, e.g. https://api.pwnedpasswords.com/range');
  }
  const concurrency = intOption(values, 'breach-concurrency', { min: 1, max: 64 }) ?? 4;
  const cache = new Map();
  let active = 0;
  const waiting = [];
  const slot = async (run) => {
    while (active >= concurrency) await new Promise((resolve) => waiting.push(resolve));
    active++;
    try {
      return await run();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
  return {
    on: true,
    // Lines in flight: enough that cached prefixes do not wait behind a slow request.
    window: concurrency * 16,
    async count(password) {
      const { prefix, suffix } = await breach.hashPassword(password);
      let range = cache.get(prefix);
      if (range) {
        cache.delete(prefix);
      } else {
        range = slot(() => breach.fetchRange(prefix, options));
        range.catch(() => {
          if (cache.get(prefix) === range) cache.delete(prefix);
        });
        if (cache.size >= BREACH_CACHE_PREFIXES) cache.delete(cache.keys().next().value);
      }
      cache.set(prefix, range);
      return breach.countIn(await range, suffix);
    },
  };
}

/**
 * What `check` counts: every line's outcome, for the exit status and `--summary`. `report()` and
 * `error()` return the line's JSON output ('' with --summary, which prints only the totals).
 */
class Tally {
  constructor(summary, strength) {
    this.summary = summary;
    this.strength = strength;
    this.lines = 0;
    this.passed = 0;
    this.failed = 0;
    this.errors = 0;
    this.ruleCounts = new Map();
    this.scoreCounts = [0, 0, 0, 0, 0];
    this.errorCodes = new Map();
  }

  report(r) {
    this.lines++;
    const v = r.violations;
    const failed = v.length === 0 ? [] : v.length === 1 ? [v[0].id] : [...new Set(v.map((x) => x.id))];
    const score = this.strength ? r.strength.score : null;
    if (r.ok) this.passed++;
    else this.failed++;
    if (this.summary) {
      for (const id of failed) this.ruleCounts.set(id, (this.ruleCounts.get(id) ?? 0) + 1);
      if (score !== null) this.scoreCounts[score]++;
      return '';
    }
    return `{"line":${this.lines},"ok":${r.ok},"failed":${failed.length ? JSON.stringify(failed) : '[]'},"score":${score}}\n`;
  }

  error(code, message) {
    this.lines++;
    this.errors++;
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
    return this.summary ? '' : `{"line":${this.lines},"ok":false,"failed":[],"score":null,"error":${JSON.stringify({ code, message })}}\n`;
  }

  summaryObject(interrupted) {
    const rules = Object.fromEntries([...this.ruleCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
    const result = { total: this.lines, passed: this.passed, failed: this.failed, errors: this.errors, rules };
    result.scores = this.strength ? Object.fromEntries(this.scoreCounts.map((c, i) => [String(i), c])) : null;
    if (this.errors) result.errorCodes = Object.fromEntries(this.errorCodes);
    if (interrupted) result.interrupted = true;
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// normalize, detect, describe, generate, convert

async function cmdNormalize(argv) {
  const { values, positionals } = parseArgs(argv, {
    vendor: { type: 'string' },
    index: { type: 'string' },
    'policy-only': { type: 'boolean' },
    compact: { type: 'boolean' },
  });
  const file = onePositional(positionals, 'policy document (FILE)');
  const text = readText(file, 'policy');
  const opts = values.vendor !== undefined ? { vendor: values.vendor } : {};
  const index = intOption(values, 'index');
  let result;
  try {
    result = pp.normalize(text, opts);
  } catch (e) {
    throw fromLibraryError(e, `the policy ${file} cannot be normalized`, file);
  }
  if (index !== undefined) {
    const list = Array.isArray(result) ? result : [result];
    if (index >= list.length) {
      throw new CliError(`--index ${index} is out of range: ${file} holds ${list.length} ${list.length === 1 ? 'policy' : 'policies'}`, {
        hint: `Pass --index from 0 to ${list.length - 1}.`,
      });
    }
    result = list[index];
  }
  if (values['policy-only']) {
    if (Array.isArray(result)) {
      throw new CliError(`${file} holds ${result.length} policies; --policy-only needs one`, { hint: 'Pass --index N to pick one.' });
    }
    result = result.policy;
  }
  await write(`${json(result, values.compact)}\n`);
  return 0;
}

async function cmdDetect(argv) {
  const { positionals } = parseArgs(argv, {});
  const file = onePositional(positionals, 'policy document (FILE)');
  const text = readText(file, 'policy');
  let vendor;
  try {
    vendor = pp.detectVendor(text);
  } catch (e) {
    throw fromLibraryError(e, `no vendor detected in ${file}`, file);
  }
  await write(`${vendor}\n`);
  return 0;
}

async function cmdDescribe(argv) {
  const { values, positionals } = parseArgs(argv, {
    locale: { type: 'string' },
    vendor: { type: 'string' },
    index: { type: 'string' },
    json: { type: 'boolean' },
  });
  const file = onePositional(positionals, 'policy document (FILE)');
  const locale = values.locale ?? 'en';
  if (!/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(locale)) {
    throw usage(`--locale takes a language tag such as ${LOCALES.join(', ')}, not ${JSON.stringify(locale)}`);
  }
  // The messages' language is set when the policy is compiled (`from({ locale })`); `describe`
  // takes it again for builds that take it there.
  const policy = loadPolicy(file, values, { locale });
  requireMethod(policy, 'describe', 'describe');
  let d;
  try {
    d = policy.describe({ locale });
  } catch (e) {
    throw fromLibraryError(e, `the policy ${file} cannot be described`, file);
  }
  const language = locale.toLowerCase().split(/[-_]/)[0];
  if (typeof d.locale === 'string' && d.locale !== language) {
    process.stderr.write(`passpolicy describe: note: no messages in ${JSON.stringify(locale)}; written in ${JSON.stringify(d.locale)} (there are ${LOCALES.join(', ')}).\n`);
  }
  if (values.json) {
    await write(`${json(d)}\n`);
    return 0;
  }
  const warnings = policy.warnings;
  const titles = {
    en: ['Password rules', 'Settings', 'Warnings', 'none'],
    de: ['Passwortregeln', 'Einstellungen', 'Warnungen', 'keine'],
    fr: ['Règles du mot de passe', 'Paramètres', 'Avertissements', 'aucune'],
    es: ['Reglas de la contraseña', 'Ajustes', 'Advertencias', 'ninguna'],
  }[d.locale ?? locale] ?? ['Password rules', 'Settings', 'Warnings', 'none'];
  let text = `${titles[0]} (${policy.vendor}):\n`;
  text += d.rules.length ? d.rules.map((r) => `  - ${terminalSafe(r.text)}\n`).join('') : `  ${titles[3]}\n`;
  if (d.settings.length) text += `${titles[1]}:\n${d.settings.map((r) => `  - ${terminalSafe(r.text)}\n`).join('')}`;
  if (warnings.length) text += `${titles[2]}:\n${warnings.map((w) => `  - ${terminalSafe(w.path)}: ${terminalSafe(w.message)} (${w.code})\n`).join('')}`;
  await write(text);
  policy.free();
  return 0;
}

async function cmdGenerate(argv) {
  const { values, positionals } = parseArgs(argv, {
    count: { type: 'string', short: 'n' },
    length: { type: 'string' },
    'exclude-ambiguous': { type: 'boolean' },
    context: { type: 'string' },
    vendor: { type: 'string' },
    index: { type: 'string' },
    json: { type: 'boolean' },
  });
  const file = onePositional(positionals, 'policy document (FILE)');
  const count = intOption(values, 'count', { min: 1, max: values.json ? GENERATE_BATCH : GENERATE_MAX }) ?? 1;
  const length = intOption(values, 'length', { min: 1 });
  const context = loadContext(values.context);
  const policy = loadPolicy(file, values);
  requireMethod(policy, 'generate', 'generate');
  const options = {};
  if (length !== undefined) options.length = length;
  if (values['exclude-ambiguous']) options.exclude = 'ambiguous';
  if (context !== undefined) options.context = context;
  let interrupted = false;
  process.on('SIGINT', () => {
    interrupted = true;
  });
  for (let done = 0; done < count && !interrupted; ) {
    const n = Math.min(GENERATE_BATCH, count - done);
    let r;
    try {
      r = policy.generate({ ...options, count: n });
    } catch (e) {
      throw fromLibraryError(e, `no passwords generated for ${file}`, file);
    }
    if (values.json) {
      await write(`${json(r)}\n`);
    } else {
      const pending = write(`${r.passwords.join('\n')}\n`);
      if (pending) await pending;
    }
    done += n;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await flushed();
  policy.free();
  return interrupted ? 130 : 0;
}

const escapeAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function cmdConvert(argv) {
  const { values, positionals } = parseArgs(argv, {
    to: { type: 'string' },
    vendor: { type: 'string' },
    index: { type: 'string' },
    json: { type: 'boolean' },
  });
  const file = onePositional(positionals, 'policy document (FILE)');
  const formats = ['passwordrules', 'html', 'canonical'];
  if (values.to === undefined) throw usage(`missing --to FORMAT (${formats.join(', ')})`);
  if (!formats.includes(values.to)) throw usage(`--to must be one of ${formats.join(', ')}, not ${JSON.stringify(values.to)}`);
  const policy = loadPolicy(file, values);
  try {
    if (values.to === 'canonical') {
      await write(`${json(policy.toJSON())}\n`);
    } else if (values.to === 'passwordrules') {
      requireMethod(policy, 'toPasswordRules', 'convert --to passwordrules');
      const r = policy.toPasswordRules();
      if (values.json) await write(`${json(r)}\n`);
      else {
        await write(`${terminalSafe(r.rules)}\n`);
        if (r.unsupported?.length) {
          process.stderr.write(`passpolicy convert: note: passwordrules cannot express:\n${r.unsupported.map((u) => `  - ${terminalSafe(u)}\n`).join('')}`);
        }
      }
    } else {
      requireMethod(policy, 'htmlAttributes', 'convert --to html');
      const attrs = policy.htmlAttributes();
      if (values.json) await write(`${json(attrs)}\n`);
      else {
        const parts = Object.entries(attrs)
          .filter(([, v]) => v !== undefined && v !== null && v !== false)
          .map(([k, v]) => `${k}="${escapeAttr(v)}"`);
        await write(`${parts.join(' ')}\n`);
      }
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw fromLibraryError(e, `the policy ${file} cannot be converted to ${values.to}`, file);
  }
  policy.free();
  return 0;
}

// ---------------------------------------------------------------------------------------------
// main

const COMMANDS = {
  check: cmdCheck,
  normalize: cmdNormalize,
  detect: cmdDetect,
  describe: cmdDescribe,
  generate: cmdGenerate,
  convert: cmdConvert,
};

async function main(argv) {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(MAIN_HELP);
    return 2;
  }
  if (first === '-h' || first === '--help') {
    await write(MAIN_HELP);
    return 0;
  }
  if (first === '--version' || first === '-V') {
    await write(`${VERSION}\n`);
    return 0;
  }
  if (first === 'help') {
    if (rest[0] && HELP[rest[0]]) await write(HELP[rest[0]]);
    else if (rest[0]) throw usage(`unknown command ${JSON.stringify(rest[0])}`, `The commands are: ${Object.keys(COMMANDS).join(', ')}.`);
    else await write(MAIN_HELP);
    return 0;
  }
  const run = COMMANDS[first];
  if (!run) {
    const close = closest(first, Object.keys(COMMANDS));
    throw usage(
      `unknown command ${JSON.stringify(first)}${close ? ` (did you mean ${close}?)` : ''}`,
      `The commands are: ${Object.keys(COMMANDS).join(', ')} (e.g. passpolicy check --policy policy.json passwords.txt).`,
    );
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    await write(HELP[first]);
    return 0;
  }
  pp = await import('./node.mjs');
  await pp.init();
  return run(rest);
}

const argv = process.argv.slice(2);
const cmd = argv[0] && COMMANDS[argv[0]] ? argv[0] : undefined;
let code;
try {
  code = await main(argv);
} catch (e) {
  code = report(cmd, e);
}
await flushed();
finished = true;
process.exit(code);
