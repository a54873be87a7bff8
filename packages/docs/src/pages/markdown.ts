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

/**
 * A list item whose text may run over several lines or hold its own lists: the first line follows
 * the bullet, the rest is indented under it, so the text stays whole and its Markdown intact.
 */
export function listItem(head: string, text: string): string {
  const body = text.trim();
  if (body === '') return `- ${head}`;
  const indent = (lines: string[]) => lines.map((line) => (line.trim() === '' ? '' : `  ${line}`)).join('\n');
  const lines = body.split('\n');
  // Text that opens with a list (an enum's values) goes under the head, so it stays a list.
  if (/^([-*+]|\d+[.)])\s/.test(lines[0]!)) return `- ${head}:\n\n${indent(lines)}`;
  const [first, ...rest] = lines;
  return `- ${head}: ${first}${rest.length > 0 ? `\n${indent(rest)}` : ''}`;
}
