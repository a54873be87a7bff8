/**
 * The changelog's default input: the spec's released versions, read from the repository's git
 * history by the breaking-change checker (`releaseHistory`), mapped onto the page's own report
 * shape. When git cannot tell (a shallow clone, no git, not a repository) the answer is the reason,
 * which the page and the build print as a notice: a docs build never fails for want of history.
 */
import { releaseHistory } from '@billing-api/breaking-changes';
import { HISTORY_HINT, type ReleaseReport } from './report.js';

export type ChangelogInput = { releases: ReleaseReport[] } | { unavailable: string };

export async function changelogFromHistory(repoRoot: string): Promise<ChangelogInput> {
  const history = await releaseHistory(repoRoot);
  if (!history.available) return { unavailable: history.reason };
  return {
    releases: history.releases.map((release) => ({
      version: release.version,
      unreleased: release.unreleased || undefined,
      previous: release.previous,
      date: release.date,
      findings: (release.report?.findings ?? []).map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        operation: f.operation,
        message: f.message,
      })),
    })),
  };
}

/** The one-line notice the build prints when the history is missing. */
export function historyNotice(reason: string): string {
  return `changelog: the release history is unavailable (${reason}); ${HISTORY_HINT}`;
}
