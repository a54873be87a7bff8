/**
 * The API changelog page (`changelog.md` / `.html`): per released version, newest first, the
 * breaking-change checker's findings grouped by severity, each naming its operation (linked to its
 * page when the operation exists in this spec) and the rule that found it.
 */
import type { Severity } from '../changelog/report.js';
import type { SiteModel } from '../site/model.js';
import { CHANGELOG, operationMarkdown, relativeHref } from '../site/paths.js';
import { blocks, code } from './markdown.js';

export type { ReleaseReport } from '../changelog/report.js';

const HEADINGS: Record<Severity, string> = {
  breaking: 'Breaking changes',
  warning: 'Changes that may affect you',
  info: 'Other changes',
};

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

export function changelogPage(model: SiteModel): string {
  const from = `${CHANGELOG}.md`;
  const operationLink = (name: string) => {
    const op = model.operations.find((o) => o.operationId === name || `${o.method} ${o.path}` === name);
    return op ? `[${code(op.operationId)}](${relativeHref(from, operationMarkdown(op))})` : code(name);
  };
  const releases = [...model.releases].sort((a, b) => compareVersions(b.version, a.version));
  return blocks(
    '# API changelog',
    `What changed between released versions of the ${model.title} spec, as the breaking-change checker reports it. This build documents version ${code(model.document.info.version)}.`,
    releases.length === 0 ? 'No comparison between released versions was given to this build.' : undefined,
    ...releases.map((release) =>
      blocks(
        `## ${release.version}${release.date ? ` (${release.date})` : ''}`,
        release.previous ? `Compared with ${code(release.previous)}.` : undefined,
        release.findings.length === 0 ? 'No changes found by the checker.' : undefined,
        ...(['breaking', 'warning', 'info'] as const).map((severity) => {
          const findings = release.findings.filter((f) => f.severity === severity);
          if (findings.length === 0) return undefined;
          return blocks(
            `### ${HEADINGS[severity]}`,
            findings.map((f) => `- ${operationLink(f.operation)}: ${f.message} (rule ${code(f.ruleId)})`).join('\n'),
          );
        }),
      ),
    ),
  );
}
