/**
 * Small Markdown writing helpers shared by every generated page: inline code that survives
 * backticks in its content, fenced blocks whose fence is longer than any run inside, JSON blocks.
 */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

export function fenced(language: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body.replace(/\n+$/, '')}\n${fence}`;
}

export function jsonBlock(value: unknown): string {
  return fenced('json', JSON.stringify(value, null, 2));
}

/** Joins blocks with one blank line, dropping empty ones. */
export function blocks(...parts: Array<string | undefined | false>): string {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return `${kept.map((p) => p.replace(/\n+$/, '')).join('\n\n')}\n`;
}

export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
