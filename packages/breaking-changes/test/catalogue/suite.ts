// The catalogue as vitest cases: each case's findings (rule, wire severity, types verdict, file:line)
// must be exactly what the catalogue states, nothing missing and nothing extra.

import { afterAll, expect, it } from 'vitest';
import type { Case } from './model.js';
import { cleanup, runCase } from './run.js';

export function describeCases(cases: Case[]): void {
  afterAll(cleanup);
  it.each(cases.map((c) => [`${c.id}: ${c.title}`, c] as const))('%s', async (_name, c) => {
    const out = await runCase(c);
    expect(out.actual).toEqual(out.expected);
    if (c.label === 'breaking') expect(out.findings.some((f) => f.severity === 'breaking')).toBe(true);
    else expect(out.findings.filter((f) => f.severity === 'breaking')).toEqual([]);
  });
}
