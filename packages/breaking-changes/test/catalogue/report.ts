// `pnpm --filter @billing-api/breaking-changes catalogue`: runs every catalogue case and prints, by
// category, how many breaking edits the gate catches (recall) and how many safe edits it blocks
// (false positives), plus whether each case's findings match the catalogue exactly.
//   --show <id>   print the findings of one case next to what the catalogue expects

import { CATALOGUE } from './cases/index.js';
import type { Category } from './model.js';
import { cleanup, runCase } from './run.js';

const show = process.argv.includes('--show') ? process.argv[process.argv.indexOf('--show') + 1] : undefined;
const rows = new Map<
  Category | 'all',
  {
    breaking: number;
    caught: number;
    safe: number;
    blocked: number;
    warn: number;
    warned: number;
    exact: number;
    cases: number;
  }
>();
const row = (k: Category | 'all') => {
  let r = rows.get(k);
  if (!r) rows.set(k, (r = { breaking: 0, caught: 0, safe: 0, blocked: 0, warn: 0, warned: 0, exact: 0, cases: 0 }));
  return r;
};
const misses: string[] = [];
for (const c of CATALOGUE) {
  if (show && c.id !== show) continue;
  let out: Awaited<ReturnType<typeof runCase>>;
  try {
    out = await runCase(c);
  } catch (e) {
    misses.push(`${c.id} (${(e as Error).message})`);
    continue;
  }
  const breaking = out.findings.some((f) => f.severity === 'breaking');
  const warned = out.findings.some((f) => f.severity === 'warning');
  const exact = JSON.stringify(out.actual) === JSON.stringify(out.expected);
  if (show) {
    console.log(`expected:\n  ${out.expected.join('\n  ')}\nactual:\n  ${out.actual.join('\n  ')}`);
    for (const f of out.findings) console.log(`  ${f.ruleId} ${f.operation} ${f.message}`);
  }
  for (const r of [row(c.category), row('all')]) {
    r.cases++;
    if (exact) r.exact++;
    if (c.label === 'breaking') {
      r.breaking++;
      if (breaking) r.caught++;
    } else {
      r.safe++;
      if (breaking) r.blocked++;
      if (c.label === 'warning') {
        r.warn++;
        if (warned) r.warned++;
      }
    }
  }
  if (!exact) misses.push(c.id);
}
cleanup();
console.log(
  '| category | cases | breaking caught (recall) | non-breaking blocked (false positives) | warnings raised | exact |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [k, r] of [...rows].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)))) {
  console.log(
    `| ${k} | ${r.cases} | ${r.caught}/${r.breaking} | ${r.blocked}/${r.safe} | ${r.warned}/${r.warn} | ${r.exact}/${r.cases} |`,
  );
}
if (misses.length) console.log(`not exact: ${misses.join(', ')}`);
