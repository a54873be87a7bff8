// Writes every report into one folder: coverage.json, coverage.md, junit.xml and summary.txt.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toJson } from './json.js';
import { formatJUnit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import type { RunReport } from './model.js';
import { formatSummary } from './summary.js';

export const REPORT_FILES = ['coverage.json', 'coverage.md', 'junit.xml', 'summary.txt'] as const;

export async function writeReports(dir: string, report: RunReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Record<(typeof REPORT_FILES)[number], string> = {
    'coverage.json': `${JSON.stringify(toJson(report), null, 2)}\n`,
    'coverage.md': formatMarkdown(report),
    'junit.xml': formatJUnit(report),
    'summary.txt': formatSummary(report),
  };
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), content);
    written.push(join(dir, name));
  }
  return written;
}
