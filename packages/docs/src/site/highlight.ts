/**
 * Syntax highlighting at build time with highlight.js (its core and the three languages the site
 * shows), so pages need no script to colour code. Classes only; the palette is in the layout's CSS.
 * JSON examples stay plain: they are most of an operation page's code, and a span per token there
 * tripled the page's element count and its style and layout time on a phone (Lighthouse).
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import typescript from 'highlight.js/lib/languages/typescript';

hljs.registerLanguage('bash', bash);
hljs.registerLanguage('typescript', typescript);

const ALIASES: Record<string, string> = {
  sh: 'bash',
  shell: 'bash',
  bash: 'bash',
  ts: 'typescript',
  typescript: 'typescript',
};

/** Highlighted HTML of `source`, or undefined for a language the site does not highlight. */
export function highlight(source: string, language: string | undefined): string | undefined {
  const name = ALIASES[(language ?? '').split(/\s+/)[0]!.toLowerCase()];
  return name ? hljs.highlight(source, { language: name, ignoreIllegals: true }).value : undefined;
}
