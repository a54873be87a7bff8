// Every oasdiff check is mapped (implemented, not applicable or deliberately different, with why),
// every rule it names exists, and the README's table is the rendering of the mapping.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/catalogue.js';
import { PACKAGE_DIR } from './helpers.js';
import { oasdiffMapping, renderTable } from './oasdiff/map.js';

const mapping = oasdiffMapping();

describe('oasdiff mapping', () => {
  it('maps every check, names only existing rules, and explains every difference', () => {
    expect(mapping.length).toBeGreaterThan(500);
    for (const m of mapping) {
      expect(m.why, m.id).not.toBe('UNMAPPED');
      for (const r of m.rules) expect(RULES, `${m.id} -> ${r}`).toHaveProperty(r);
      if (m.status === 'implemented') expect(m.rules.length, m.id).toBeGreaterThan(0);
      if (m.status !== 'implemented') expect(m.why, m.id).not.toBe('');
    }
  });
  it('the README holds the generated table', () => {
    const readme = readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
    expect(readme).toContain(renderTable(mapping));
  });
});
