/**
 * The one stylesheet of our own pages, inlined in each (no request, no web font): a readable
 * column, tables and code that scroll inside themselves on a phone, the highlight.js palette, and
 * a dark scheme that follows the reader's system setting. Colours are GitHub Primer's, which pass
 * WCAG AA contrast in both schemes. Below the first screen, blocks are laid out only as they come
 * near the viewport (`content-visibility`): an operation page is long, and laying it all out at once
 * was most of its main-thread time on a phone (Lighthouse's total blocking time).
 */
export const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0550ae; --code: #f6f8fa;
  --k: #cf222e; --s: #0a3069; --n: #0550ae; --c: #59636e; --a: #953800; --t: #116329; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --accent: #4493f8; --code: #151b23;
  --k: #ff7b72; --s: #a5d6ff; --n: #79c0ff; --c: #9198a1; --a: #ffa657; --t: #7ee787; } }
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; } .skip:focus { left: 0.5rem; top: 0.5rem; background: var(--bg); padding: 0.25rem 0.5rem; }
header { border-bottom: 1px solid var(--line); padding: 0.6rem 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; }
header .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
header nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
header form { margin-left: auto; }
header input { font: inherit; padding: 0.2rem 0.5rem; border: 1px solid var(--muted); border-radius: 6px; background: var(--bg); color: var(--fg); width: 12rem; max-width: 100%; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
main > :nth-child(n+8) { content-visibility: auto; contain-intrinsic-size: auto 4rem; }
main { max-width: 62rem; margin: 0 auto; padding: 0.5rem 1rem 3rem; overflow-wrap: anywhere; }
code { font: 0.9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; }
.code { position: relative; }
pre { background: var(--code); padding: 0.9rem 1rem; border-radius: 6px; overflow-x: auto; border: 1px solid var(--line); overflow-wrap: normal; }
pre code { background: none; padding: 0; }
.copy { position: absolute; top: 0.35rem; right: 0.35rem; font: 0.8rem system-ui, sans-serif; padding: 0.15rem 0.5rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); cursor: pointer; }
.table { overflow-x: auto; }
table { border-collapse: collapse; overflow-wrap: normal; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
h1 { font-size: 1.9rem; line-height: 1.2; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.3rem; }
li { margin: 0.2rem 0; }
select { max-width: 100%; font: inherit; background: var(--bg); color: var(--fg); border: 1px solid var(--muted); border-radius: 4px; }
footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); padding: 1rem; }
.hljs-keyword, .hljs-built_in, .hljs-literal { color: var(--k); } .hljs-string, .hljs-regexp { color: var(--s); }
.hljs-number, .hljs-variable, .hljs-attr, .hljs-property { color: var(--n); } .hljs-comment { color: var(--c); font-style: italic; }
.hljs-title, .hljs-meta { color: var(--a); } .hljs-type, .hljs-params { color: var(--t); }
`;
