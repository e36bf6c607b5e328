// The line reader of `passpolicy check`: splits a byte stream on "\n" by hand, so that memory stays
// constant whatever the input (no line is held beyond the limit, no string is made of a chunk).
// Tested on its own in tests/cli/lines.test.mjs.

import * as nodeBuffer from 'node:buffer';

/** The longest line read into memory (bytes, without the line ending). */
export const MAX_LINE_BYTES = 1 << 20;

/** Whether bytes are UTF-8 (Node ≥ 18.14 has it built in). */
export const isUtf8 =
  typeof nodeBuffer.isUtf8 === 'function'
    ? nodeBuffer.isUtf8
    : (() => {
        const strict = new TextDecoder('utf-8', { fatal: true });
        return (bytes) => {
          try {
            strict.decode(bytes);
            return true;
          } catch {
            return false;
          }
        };
      })();

const LF = 10;
const CR = 13;

/**
 * Reads `input` (an async iterable of Buffers) line by line.
 *
 * - `onLine(bytes, start, end, valid)` gets each line as bytes[start, end), without its ending
 *   ("\n" or "\r\n") and, on the first line, without a UTF-8 byte order mark; `valid` is true when
 *   the bytes are known to be UTF-8 (a line inside a valid chunk: a "\n" is never inside a
 *   character), false when they still need checking. It may return a promise (the output is full):
 *   reading waits for it.
 * - `onTooLong()` replaces `onLine` for a line over `maxBytes`, which is never held whole.
 * - `stopped()` is asked before each line: true ends the reading (an interrupt).
 * - `onProgress(lines, offset)` is called about every 100 ms, after yielding to the event loop so
 *   that signals and output get through, and after each chunk.
 *
 * A last line without an ending is read too. Returns the number of lines.
 */
export async function readLines(input, { onLine, onTooLong, stopped = () => false, onProgress = () => {}, maxBytes = MAX_LINE_BYTES }) {
  let lines = 0;
  let offset = 0;
  // The start of a line that continues in the next chunk.
  let carry = [];
  let carryBytes = 0;
  let carryTooLong = false;
  let lastYield = Date.now();

  /** One line of bytes[start, end) whose ending may still hold a "\r". */
  const line = (bytes, start, end, crlf, valid) => {
    lines++;
    if (crlf && end > start && bytes[end - 1] === CR) end--;
    if (lines === 1 && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
    return onLine(bytes, start, end, valid);
  };
  const tooLong = () => {
    lines++;
    return onTooLong();
  };
  const resetCarry = () => {
    carry = [];
    carryBytes = 0;
    carryTooLong = false;
  };

  for await (const chunk of input) {
    if (stopped()) break;
    const chunkOffset = offset;
    offset += chunk.length;
    const chunkValid = isUtf8(chunk);
    let start = 0;
    let n = 0;
    while (!stopped()) {
      const nl = chunk.indexOf(LF, start);
      if (nl === -1) {
        if (start < chunk.length) {
          // One byte more than the limit may still be the "\r" of a "\r\n".
          if (carryBytes + chunk.length - start > maxBytes + 1) {
            resetCarry();
            carryTooLong = true;
          } else if (!carryTooLong) {
            carry.push(chunk.subarray(start));
            carryBytes += chunk.length - start;
          }
        }
        break;
      }
      let pending;
      if (carryTooLong) {
        pending = tooLong();
      } else if (carryBytes > 0) {
        const lastPiece = carry[carry.length - 1];
        const cr = nl > start ? chunk[nl - 1] === CR : lastPiece[lastPiece.length - 1] === CR;
        // The limit is on the password: the line without its ending.
        if (carryBytes + nl - start - (cr ? 1 : 0) > maxBytes) pending = tooLong();
        else {
          carry.push(chunk.subarray(start, nl));
          const whole = Buffer.concat(carry);
          pending = line(whole, 0, whole.length, true, false);
        }
      } else if (nl - start - (nl > start && chunk[nl - 1] === CR ? 1 : 0) > maxBytes) {
        pending = tooLong();
      } else {
        pending = line(chunk, start, nl, true, chunkValid);
      }
      resetCarry();
      start = nl + 1;
      if (pending) await pending;
      // Let signals and progress through about every 100 ms.
      if ((++n & 255) === 0 && Date.now() - lastYield > 100) {
        await new Promise((resolve) => setImmediate(resolve));
        onProgress(lines, chunkOffset + start);
        lastYield = Date.now();
      }
    }
    onProgress(lines, offset);
  }
  // The last line, when the input does not end with a line ending.
  if (!stopped()) {
    // No "\r\n" can follow: the byte kept for one counts now.
    if (carryTooLong || carryBytes > maxBytes) await tooLong();
    else if (carryBytes > 0) {
      const whole = Buffer.concat(carry);
      await line(whole, 0, whole.length, false, false);
    }
  }
  return lines;
}
