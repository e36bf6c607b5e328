// The same package through `require` (resolves the `require` condition and index.d.cts).
import passpolicy = require('passpolicy');

const p: passpolicy.PasswordPolicy = passpolicy.PasswordPolicy.from('{"version":1}');
const r: passpolicy.Report = p.check('x', { email: 'a@b.c' });
const code: passpolicy.PassPolicyErrorCode | undefined = r.ok ? undefined : 'invalid_field';
p.free();
export = { r, code };
