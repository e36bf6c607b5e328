// A strict TypeScript consumer of the tiers: `passpolicy/rules` and the root import's progressive
// strength loading. Compiled with `tsc --noEmit` by scripts/test-js.sh (nodenext and bundler).
import { init as initRules, initSync as initRulesSync, ready, isPassPolicyError as isRulesError, PasswordPolicy as RulesPolicy, type RulesFromOptions } from 'passpolicy/rules';
import { init, strengthReady, type InitOptions, type Policy, type RulesReport, type HtmlAttributes, type PassPolicyErrorCode } from 'passpolicy';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

export async function signup(canonical: Policy, password: string): Promise<number> {
  initRulesSync({ wasm: new Uint8Array(0), commonPasswords: new Uint8Array(0) });
  await initRules();
  await initRules({ common: true, wasm: new Uint8Array(0) });
  const options: RulesFromOptions = { messages: { 'rule.length.min': 'Use {min}+ characters' } };
  const p = RulesPolicy.from(canonical, options);
  const q = RulesPolicy.from(JSON.stringify(canonical));
  await ready();
  const r: RulesReport = p.checkRules(password, { username: 'ann' });
  const attrs: HtmlAttributes = q.htmlAttributes();
  const waiting: boolean = p.needsCommonPasswords;
  const json: Policy = p.toJSON();
  assertType<Equal<typeof p.vendor, 'canonical'>>();
  assertType<Equal<ReturnType<typeof ready>, Promise<void>>>();
  try {
    RulesPolicy.from('{}');
  } catch (e) {
    if (isRulesError(e)) {
      const code: PassPolicyErrorCode = e.code;
      if (code === 'load_failed' || code === 'not_ready') console.log(e.path);
    }
  }
  // @ts-expect-error the rules tier has no strength
  p.check(password);
  // @ts-expect-error the rules tier reads canonical policies only
  RulesPolicy.from(canonical, { vendor: 'meraki' });
  p.free();
  q.free();

  const opts: InitOptions = { strength: 'background', strengthData: new URL('https://example.test/strength.bin') };
  await init(opts);
  await strengthReady();
  return r.rules.length + (attrs.minlength ?? 0) + (waiting ? 1 : 0) + json.version;
}
