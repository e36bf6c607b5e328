// The declarations must compile without the DOM or Node types and with a lib older than
// `esnext.disposable` (init's URL/Response/Module inputs then resolve to `never`).
import { init, PasswordPolicy, type Report } from 'passpolicy';

export async function bare(): Promise<boolean> {
  await init(new Uint8Array(0));
  const p = PasswordPolicy.from({ version: 1 });
  const r: Report = p.check('x');
  p[Symbol.dispose]();
  return r.ok;
}
