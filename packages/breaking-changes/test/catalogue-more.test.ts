import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue/cases/index.js';
import { MORE } from './catalogue/cases/more.js';
import { describeCases } from './catalogue/suite.js';

describe('catalogue: security, servers, webhooks, composition, components', () => describeCases(MORE));

describe('the catalogue itself', () => {
  it('has at least 150 cases with unique ids, covering every category and both API versions', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CATALOGUE.map((c) => c.id)).size).toBe(CATALOGUE.length);
    for (const category of [
      'operations',
      'parameters',
      'requests',
      'responses',
      'headers',
      'security',
      'servers',
      'webhooks',
      'composition',
      'components',
    ])
      expect(CATALOGUE.filter((c) => c.category === category).length, category).toBeGreaterThan(0);
    for (const version of ['v1', 'v2'])
      expect(CATALOGUE.filter((c) => c.version === version).length, version).toBeGreaterThan(20);
    expect(CATALOGUE.filter((c) => c.label === 'breaking').length).toBeGreaterThan(50);
    expect(CATALOGUE.filter((c) => c.label !== 'breaking').length).toBeGreaterThan(50);
  });
});
