/**
 * Prints a JSON value as a TypeScript object literal in house style: single quotes, unquoted keys
 * where they are identifiers, one line when short, two-space indentation otherwise.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function inline(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${key(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

export function tsLiteral(value: unknown, indent = '', width = 80): string {
  const flat = inline(value);
  if (flat.length + indent.length <= width || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${tsLiteral(v, inner, width)},`).join('\n')}\n${indent}]`;
  }
  return `{\n${Object.entries(value)
    .map(([k, v]) => `${inner}${key(k)}: ${tsLiteral(v, inner, width)},`)
    .join('\n')}\n${indent}}`;
}
