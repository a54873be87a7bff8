/**
 * The changelog page, built from a fixture report in the shape the build takes (per released
 * version: rule id, severity, operation, message): newest release first, findings grouped by
 * severity, operations of this spec linked to their pages, others named as given; and a report
 * with a wrong field is refused with the field's place.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseReleaseReports, readReleaseReports } from '../src/changelog/report.js';
import { changelogPage } from '../src/pages/changelog.js';
import { buildModel } from '../src/site/model.js';
import { loadSpec } from '../src/spec/load.js';
import { site } from './support/site.js';

const FIXTURE = fileURLToPath(new URL('fixtures/changelog-report.json', import.meta.url));

describe('changelog page', () => {
  const releases = readReleaseReports(FIXTURE);
  const page = changelogPage(buildModel(loadSpec(), { releases }));

  it('lists releases newest first, each with its findings grouped by severity', () => {
    const headings = [...page.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['2.1.1', '2.1.0 (2026-03-02)', '2.0.0 (2026-01-15)']);
    const v210 = page.split('## 2.1.0')[1]!.split('\n## ')[0]!;
    expect(v210.indexOf('### Breaking changes')).toBeLessThan(v210.indexOf('### Changes that may affect you'));
    expect(v210).toContain(
      '- [`addFunds`](operations/addFunds.md): amount became required. (rule `request-property-required`)',
    );
    expect(page.split('## 2.1.1')[1]!.split('\n## ')[0]).toContain('No changes found by the checker.');
  });

  it('links operations of this spec and names the others as the report gives them', () => {
    expect(page).toContain('[`applyCreditToInvoice`](operations/applyCreditToInvoice.md)');
    expect(page).toContain('- `GET /api/billing/invoice/{id}/pdf`: The v1 PDF operation was removed');
  });

  it('says so when the build was given no report', () => {
    expect(site('changelog.md')).toContain('No comparison between released versions was given to this build.');
  });

  it('refuses a report whose fields are wrong, naming the place', () => {
    expect(() => parseReleaseReports({}, 'r.json')).toThrow('r.json: expected a JSON array');
    expect(() => parseReleaseReports([{ version: '1', findings: [{}] }], 'r.json')).toThrow(
      'r.json: [0].findings[0].severity: expected one of breaking, warning, info, got undefined',
    );
    expect(() => parseReleaseReports([{ version: '1', date: '1 May', findings: [] }], 'r.json')).toThrow(
      'r.json: [0].date: expected YYYY-MM-DD, got "1 May"',
    );
  });
});
