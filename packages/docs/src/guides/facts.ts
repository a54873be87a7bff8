/**
 * The facts a guide's prose can ask for, each read from the spec when the page is built: a
 * template says `{{param:IdempotencyKey}}` and gets that parameter's description, whole;
 * `{{table:migration}}` gets the v1 -> v2 table. So a guide never copies a number, header, scope
 * or description by hand, and an unknown placeholder (or one naming what the spec does not have)
 * fails the build.
 */
import { deref, type Header, type Parameter, type Schema, type SecurityScheme } from '@billing-api/openapi-model';
import { code, fenced, oneLine } from '../pages/markdown.js';
import { fieldLine } from '../pages/operation.js';
import { serverSetup } from '../pages/servers.js';
import { errorHandlingSample } from '../samples/error-handling.js';
import { type SiteModel, samplesOf } from '../site/model.js';
import { errorPage, operationMarkdown, relativeHref } from '../site/paths.js';
import { schemaFields } from '../spec/schema.js';
import { tables } from './tables.js';

export interface FactContext {
  model: SiteModel;
  /** Site path of the page being written (`guides/x.md`), for relative links. */
  from: string;
}

type Resolver = (context: FactContext, argument: string) => string;

function component<T>(model: SiteModel, kind: string, name: string): T {
  const raw = (model.document.components as Record<string, Record<string, unknown>> | undefined)?.[kind]?.[name];
  if (raw === undefined) throw new Error(`the spec has no components.${kind}.${name}`);
  return deref<T>(model.document, raw as T);
}

function errorEntry(model: SiteModel, errorCode: string) {
  const entry = model.errors.find((e) => e.code === errorCode);
  if (!entry) throw new Error(`no error code ${errorCode} in the spec's examples`);
  return entry;
}

const RESOLVERS: Record<string, Resolver> = {
  server: ({ model }) => code(model.sandboxUrl),
  servers: ({ model }) => serverSetup(model, true),
  curl: ({ model }, id) => fenced('sh', samplesOf(model, id).curl),
  typescript: ({ model }, id) => fenced('ts', samplesOf(model, id).typescript),
  errors: ({ model }, errorCode) => {
    const entry = errorEntry(model, errorCode);
    return fenced('ts', errorHandlingSample(entry, samplesOf(model, entry.occurrences[0]!.operationId).request));
  },
  scheme: ({ model }, name) => (component<SecurityScheme>(model, 'securitySchemes', name).description ?? '').trim(),
  param: ({ model }, name) => (component<Parameter>(model, 'parameters', name).description ?? '').trim(),
  'param-name': ({ model }, name) => code(component<Parameter>(model, 'parameters', name).name),
  header: ({ model }, name) => (component<Header>(model, 'headers', name).description ?? '').trim(),
  schema: ({ model }, name) => (component<Schema>(model, 'schemas', name).description ?? '').trim(),
  fields: ({ model }, name) =>
    schemaFields(model.document, component<Schema>(model, 'schemas', name))
      .map(fieldLine)
      .join('\n'),
  op: ({ model, from }, id) => {
    const op = model.operations.find((o) => o.operationId === id);
    if (!op) throw new Error(`no operation ${id} in the spec`);
    return `[${op.summary}](${relativeHref(from, operationMarkdown(op))}) (${code(`${op.method} ${op.path}`)})`;
  },
  error: ({ model, from }, errorCode) => {
    const entry = errorEntry(model, errorCode);
    return `[${code(entry.code)}](${relativeHref(from, errorPage(entry, 'md'))})`;
  },
  example: ({ model }, errorCode) => {
    const entry = errorEntry(model, errorCode);
    return entry.messages.map((m) => `> ${oneLine(m)}`).join('\n>\n');
  },
  table: (context, name) => {
    const table = tables[name];
    if (!table) throw new Error(`unknown table ${name}; known: ${Object.keys(tables).join(', ')}`);
    return table(context);
  },
};

const PLACEHOLDER = /\{\{([a-z-]+)(?::([A-Za-z0-9_.-]+))?\}\}/g;

/** The template with every placeholder replaced; `where` names the template in errors. */
export function fillFacts(template: string, context: FactContext, where: string): string {
  return template.replace(PLACEHOLDER, (placeholder, kind: string, argument: string | undefined) => {
    const resolve = RESOLVERS[kind];
    if (!resolve) throw new Error(`${where}: unknown placeholder ${placeholder}`);
    try {
      return resolve(context, argument ?? '');
    } catch (error) {
      throw new Error(`${where}: ${placeholder}: ${(error as Error).message}`);
    }
  });
}

/** The TypeScript snippets a template embeds (the tests type-check them and run them). */
export function templateSnippets(template: string, model: SiteModel): string[] {
  const out: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [, kind, id] = match as unknown as [string, string, string];
    if (kind === 'typescript') out.push(samplesOf(model, id).typescript);
    if (kind === 'errors') {
      const entry = errorEntry(model, id);
      out.push(errorHandlingSample(entry, samplesOf(model, entry.occurrences[0]!.operationId).request));
    }
  }
  return out;
}
