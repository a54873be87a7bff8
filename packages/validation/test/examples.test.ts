// Every named example of the spec validates against its schema through the public API:
// response examples through validateResponse (with the documented headers' own examples), request
// examples through validateRequest (on a path built from the parameters' examples), and every
// `examples` list inside the component schemas. Each component example must be used at least once.
import { describe, expect, it } from 'vitest';
import { getAt, toPointer } from '../src/index.js';
import { document, validator } from './spec.js';

type Obj = Record<string, any>;

const resolve = (value: Obj): Obj =>
  typeof value?.$ref === 'string' ? resolve(getAt(document, value.$ref) as Obj) : value;
const usedComponentExamples = new Set<string>();

function examplesOf(media: Obj): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [name, raw] of Object.entries((media.examples ?? {}) as Obj)) {
    if (typeof raw.$ref === 'string') usedComponentExamples.add(raw.$ref.split('/').pop()!);
    out.push([name, resolve(raw).value]);
  }
  if ('example' in media) out.push(['example', media.example]);
  return out;
}

interface Case {
  name: string;
  run: () => unknown[];
}

const responseCases: Case[] = [];
const requestCases: Case[] = [];

for (const op of validator.operations) {
  const operation = getAt(document, toPointer(['paths', op.pathTemplate, op.method.toLowerCase()])) as Obj;
  for (const [status, rawResponse] of Object.entries(operation.responses as Obj)) {
    const response = resolve(rawResponse as Obj);
    const headers: Record<string, string> = {};
    for (const [name, rawHeader] of Object.entries((response.headers ?? {}) as Obj)) {
      const header = resolve(rawHeader as Obj);
      if (header.example !== undefined) headers[name] = String(header.example);
    }
    for (const [media, mediaObject] of Object.entries((response.content ?? {}) as Obj)) {
      for (const [exampleName, value] of examplesOf(mediaObject as Obj)) {
        responseCases.push({
          name: `${op.operationId} ${status} ${media} ${exampleName}`,
          run: () =>
            validator.validateResponse({
              operationId: op.operationId,
              status: Number(status),
              contentType: media,
              headers,
              body: value,
            }),
        });
      }
    }
  }
  // A concrete request from the parameters' examples.
  const parameters = [
    ...((getAt(document, toPointer(['paths', op.pathTemplate])) as Obj).parameters ?? []),
    ...(operation.parameters ?? []),
  ].map(resolve);
  let path = op.pathTemplate;
  const query = new URLSearchParams();
  const requestHeaders: Record<string, string> = {};
  for (const p of parameters) {
    if (p.example === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
    if (p.in === 'query') query.set(p.name, String(p.example));
    if (p.in === 'header') requestHeaders[p.name] = String(p.example);
  }
  requestCases.push({
    name: `${op.operationId} parameter examples`,
    run: () =>
      validator
        .validateRequest({ method: op.method, path, query, headers: requestHeaders })
        .findings.filter((f) => f.location !== 'body'),
  });
  const body = operation.requestBody ? resolve(operation.requestBody) : undefined;
  for (const [media, mediaObject] of Object.entries((body?.content ?? {}) as Obj)) {
    for (const [exampleName, value] of examplesOf(mediaObject as Obj)) {
      requestCases.push({
        name: `${op.operationId} request ${exampleName}`,
        run: () =>
          validator.validateRequest({
            method: op.method,
            path,
            query,
            headers: requestHeaders,
            body: value,
            contentType: media,
          }).findings,
      });
    }
  }
}

/** Every schema node under components.schemas that carries `examples`, with its pointer. */
function schemaExampleCases(): Case[] {
  const cases: Case[] = [];
  const keywordsWithSchema = ['items', 'not', 'additionalProperties', 'contains', 'if', 'then', 'else'];
  const keywordsWithSchemaLists = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
  const keywordsWithSchemaMaps = ['properties', '$defs', 'patternProperties'];
  const walk = (node: Obj, tokens: string[]): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node.examples)) {
      for (const [i, example] of (node.examples as unknown[]).entries())
        cases.push({
          name: `${tokens.join('/')} examples[${i}]`,
          run: () => validator.validateValue(toPointer(tokens), example),
        });
    }
    for (const k of keywordsWithSchema) if (node[k] && typeof node[k] === 'object') walk(node[k], [...tokens, k]);
    for (const k of keywordsWithSchemaLists)
      for (const [i, s] of ((node[k] ?? []) as Obj[]).entries()) walk(s, [...tokens, k, String(i)]);
    for (const k of keywordsWithSchemaMaps)
      for (const [name, s] of Object.entries((node[k] ?? {}) as Obj)) walk(s as Obj, [...tokens, k, name]);
  };
  for (const [name, schema] of Object.entries(document.components.schemas as Obj))
    walk(schema as Obj, ['components', 'schemas', name]);
  return cases;
}

describe('the spec examples validate against their schemas', () => {
  it('finds examples everywhere', () => {
    expect(responseCases.length).toBeGreaterThan(100);
    expect(requestCases.length).toBeGreaterThanOrEqual(validator.operations.length);
  });

  it.each(responseCases)('response $name', ({ run }) => {
    expect(run()).toEqual([]);
  });

  it.each(requestCases)('request $name', ({ run }) => {
    expect(run()).toEqual([]);
  });

  it.each(schemaExampleCases())('schema $name', ({ run }) => {
    expect(run()).toEqual([]);
  });

  it('uses every component example at least once', () => {
    expect(Object.keys(document.components.examples).filter((name) => !usedComponentExamples.has(name))).toEqual([]);
  });
});
