/**
 * The API changelog page (`changelog.md` / `.html`): the changes not released yet first, then each
 * released version, newest first, with the breaking-change checker's findings against the version
 * before. Breaking changes and warnings are listed one by one, each naming its operation (linked
 * to its page when the operation exists in this spec) and the rule that found it; the other changes
 * (additions, compatible tightenings of responses) are counted per operation, so a release that
 * adds a header to every response stays one line per operation.
 */
import { type Finding, HISTORY_HINT, type ReleaseReport } from '../changelog/report.js';
import type { SiteModel } from '../site/model.js';
import { CHANGELOG, operationMarkdown, relativeHref } from '../site/paths.js';
import { blocks, code } from './markdown.js';

export type { ReleaseReport } from '../changelog/report.js';

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    return typeof x[i] === 'number' && typeof y[i] === 'number'
      ? (x[i] as number) - (y[i] as number)
      : String(x[i]).localeCompare(String(y[i]));
  }
  return 0;
}

/** The checker's messages are plain text: keep Markdown from reading `*`, `_`, `[` or `<` in them. */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]<]/g, '\\$&');
}

/** Groups items by key, keeping the order in which each key first appears. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function changelogPage(model: SiteModel): string {
  const from = `${CHANGELOG}.md`;
  // The checker names an operation `METHOD /path (operationId)`; a hand-made report may give either part.
  const operationLink = (name: string) => {
    const id = /\(([^()]+)\)$/.exec(name)?.[1] ?? name;
    const route = name.replace(/\s*\([^()]+\)$/, '');
    const op = model.operations.find((o) => o.operationId === id || `${o.method} ${o.path}` === route);
    return op ? `[${code(op.operationId)}](${relativeHref(from, operationMarkdown(op))})` : code(name);
  };
  const listed = (findings: Finding[]) =>
    findings.map((f) => `- ${operationLink(f.operation)}: ${plain(f.message)} (rule ${code(f.ruleId)})`).join('\n');
  const counted = (findings: Finding[]) =>
    [...groupBy(findings, (f) => f.operation)]
      .map(([operation, own]) => {
        if (own.length === 1) return listed(own);
        const rules = [...groupBy(own, (f) => f.ruleId)].map(([rule, hits]) => `${code(rule)} ×${hits.length}`);
        return `- ${operationLink(operation)}: ${own.length} changes (${rules.join(', ')})`;
      })
      .join('\n');
  const section = (heading: string, findings: Finding[], render: (f: Finding[]) => string) =>
    findings.length === 0 ? undefined : blocks(`### ${heading}`, render(findings));
  const releases = [...model.releases].sort(
    (a, b) => Number(b.unreleased ?? false) - Number(a.unreleased ?? false) || compareVersions(b.version, a.version),
  );
  const intro = (release: ReleaseReport) => {
    if (release.unreleased)
      return release.previous ? `Changes since ${code(release.previous)} that are not released yet.` : undefined;
    if (release.previous) return `Compared with ${code(release.previous)}.`;
    return release.findings.length === 0 ? 'The first released version: nothing earlier to compare with.' : undefined;
  };
  const bySeverity = (release: ReleaseReport, severity: Finding['severity']) =>
    release.findings.filter((f) => f.severity === severity);
  return blocks(
    '# API changelog',
    `What changed between released versions of the ${model.title} spec, as the breaking-change checker reports it. This build documents version ${code(model.document.info.version)}.`,
    model.changelogUnavailable !== undefined
      ? `The release history is unavailable to this build (${model.changelogUnavailable}): ${HISTORY_HINT}.`
      : releases.length === 0
        ? 'No released version of the spec was found.'
        : undefined,
    ...releases.map((release) =>
      blocks(
        `## ${release.version}${release.date ? ` (${release.date})` : ''}`,
        intro(release),
        release.findings.length === 0 && (release.previous || release.unreleased)
          ? 'No changes found by the checker.'
          : undefined,
        section('Breaking changes', bySeverity(release, 'breaking'), listed),
        section('Changes that may affect you', bySeverity(release, 'warning'), listed),
        section('Other changes', bySeverity(release, 'info'), counted),
      ),
    ),
  );
}
