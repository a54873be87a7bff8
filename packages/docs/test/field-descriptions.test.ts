/**
 * What a reader (or their AI assistant) reads about every field is the spec's own text, whole: for
 * each operation's request body and success responses, every field (nested ones included) is found
 * on its Markdown page and in llms-full.txt with exactly the description the spec gives it. The
 * expectation is walked here from the raw bundle: a description written beside a `$ref` is the
 * field's own, else the referenced schema's applies.
 */
import { deref, isReference, type OpenApiDocument } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { rawOperations, rawSpec, site } from './support/site.js';

const spec = rawSpec() as OpenApiDocument;

interface Expected {
  name: string;
  description: string;
}

function ownText(raw: any): string | undefined {
  if (typeof raw.description === 'string') return raw.description;
  const target = objectOf(raw);
  return typeof target.description === 'string' ? target.description : undefined;
}

/**
 * Properties of a schema, `allOf` members merged: a property several members define keeps the last
 * description given (the envelope's `data` text survives a member that narrows `data`'s shape).
 */
function objectOf(schema: any): any {
  const s = deref<any>(spec, schema);
  if (!s.allOf) return s;
  const properties: Record<string, any> = { ...s.properties };
  for (const part of s.allOf.map(objectOf)) {
    for (const [name, p] of Object.entries<any>(part.properties ?? {})) {
      const before = properties[name];
      const text = ownText(p) ?? (before ? ownText(before) : undefined);
      properties[name] = before ? { allOf: [before, p], ...(text ? { description: text } : {}) } : p;
    }
  }
  const single = s.allOf.length === 1 ? objectOf(s.allOf[0]) : {};
  return { type: single.type, description: single.description, ...s, allOf: undefined, properties };
}

function expectedFields(schema: any, prefix = '', seen = new Set<unknown>()): Expected[] {
  const object = objectOf(schema);
  const out: Expected[] = [];
  const path = new Set(seen).add(deref(spec, schema));
  for (const [name, raw] of Object.entries<any>(object.properties ?? {})) {
    const target = objectOf(raw);
    const description = typeof raw.description === 'string' ? raw.description : (target.description ?? '');
    out.push({ name: `${prefix}${name}`, description: description.trim() });
    const types = [target.type].flat();
    if (target.properties && !path.has(deref(spec, raw))) out.push(...expectedFields(raw, `${prefix}${name}.`, path));
    else if (types.includes('array') && target.items) {
      const item = objectOf(target.items);
      if (item.properties && !path.has(deref(spec, target.items)))
        out.push(...expectedFields(target.items, `${prefix}${name}[].`, path));
    }
  }
  return out;
}

/** The description printed for a field: the text after its facts, continuation lines de-indented. */
function printed(markdown: string, field: string): string[] {
  const lines = markdown.split('\n');
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith(`- \`${field}\` (`)) continue;
    const head = lines[i]!;
    const body: string[] = [];
    const colon = head.indexOf('): ');
    if (colon !== -1) body.push(head.slice(colon + 3));
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.startsWith('  ')) body.push(line.slice(2));
      else if (line === '' && lines[j + 1]?.startsWith('  ')) body.push('');
      else break;
    }
    while (body[0] === '') body.shift();
    found.push(body.join('\n').trim());
  }
  return found;
}

const cases = rawOperations(spec).flatMap((entry) => {
  const schemas: any[] = [];
  const body = entry.requestBody?.body.content?.['application/json']?.schema;
  if (body) schemas.push(body);
  for (const r of entry.responses) {
    if (!/^2\d\d$/.test(r.status)) continue;
    const media = Object.entries(r.response.content ?? {}).find(([type]) => type.includes('json'))?.[1];
    if (media?.schema) schemas.push(media.schema);
  }
  return schemas.map((schema) => ({ operationId: entry.operationId!, fields: expectedFields(schema) }));
});

describe("every field's description, as the spec writes it", () => {
  const full = site('llms-full.txt');
  let checked = 0;
  let besideRef = 0;
  let multiLine = 0;

  it.each(cases.map((c) => [c.operationId, c] as const))('%s', (_id, { operationId, fields }) => {
    const page = site(`operations/${operationId}.md`);
    for (const field of fields) {
      const texts = printed(page, field.name);
      expect(texts.length, `${operationId}: field ${field.name} is listed`).toBeGreaterThan(0);
      expect(texts, `${operationId}: ${field.name}`).toContain(field.description);
      checked++;
      if (field.description.includes('\n')) multiLine++;
    }
    // The same text reaches the assistants' single file.
    const section = full.split(`<!-- source: operations/${operationId}.md -->`)[1]!.split('\n---\n')[0]!;
    for (const field of fields)
      expect(printed(section, field.name), `llms-full: ${field.name}`).toContain(field.description);
  });

  it('covers descriptions written beside a $ref and multi-line ones', () => {
    for (const { fields } of cases) for (const f of fields) if (f.description.includes('\n')) multiLine++;
    const walk = (schema: any): void => {
      for (const raw of Object.values<any>(objectOf(schema).properties ?? {}))
        if (isReference(raw) && typeof (raw as any).description === 'string') besideRef++;
    };
    for (const schema of Object.values<any>(spec.components?.schemas ?? {})) walk(schema);
    expect(checked).toBeGreaterThan(0);
    expect(besideRef, 'the spec has sibling descriptions beside $ref').toBeGreaterThan(0);
    expect(multiLine, 'the spec has multi-line field descriptions').toBeGreaterThan(0);
  });
});
