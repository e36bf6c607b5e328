// A strict TypeScript consumer of passpolicy/form in a page (lib "dom"), with a policy of each
// tier. Compiled with `tsc --noEmit -p tests/types/tsconfig.form.json` by scripts/test-js.sh.
import { enhancePasswordInput, type EnhanceOptions, type PasswordInputBinding } from 'passpolicy/form';
import { init, PasswordPolicy, type Policy, type Report, type RulesReport } from 'passpolicy';
import { init as initRules, PasswordPolicy as RulesPolicy } from 'passpolicy/rules';

export async function wire(canonical: Policy): Promise<PasswordInputBinding[]> {
  await Promise.all([init({ strength: 'background' }), initRules()]);
  const input = document.querySelector<HTMLInputElement>('#password');
  const username = document.querySelector<HTMLInputElement>('#username');
  if (!input || !username) return [];
  const options: EnhanceOptions = {
    checklist: document.querySelector('#rules'),
    context: () => ({ username: username.value }),
    watch: [username],
    onReport: (report: RulesReport | Report) => {
      if ('strength' in report) console.log(report.strength.score);
    },
    onError: (e: unknown) => console.error(e),
    strengthDelayMs: 200,
    statusText: { pass: 'Erfüllt', fail: 'Nicht erfüllt' },
  };
  const full = enhancePasswordInput(input, PasswordPolicy.from(canonical), options);
  const rulesOnly = enhancePasswordInput(input, RulesPolicy.from(canonical), { attributes: false });
  const ok: boolean = full.check().ok;
  const last: RulesReport | Report | null = rulesOnly.report;
  // @ts-expect-error: not an option
  enhancePasswordInput(input, RulesPolicy.from(canonical), { checklst: null });
  // @ts-expect-error: a policy is needed, not its JSON
  enhancePasswordInput(input, canonical);
  void ok;
  void last;
  return [full, rulesOnly];
}
