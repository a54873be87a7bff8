/**
 * The page of one operation (`operations/<operationId>.md`, and its HTML rendering), written for
 * readers and their AI assistants: method and path, auth and scope, parameters with constraints and
 * provenance, every field with its own description, request and response examples per status, error
 * codes, code samples with the server to call, and related operations.
 */
import type { OpenApiDocument } from '@billing-api/openapi-model';
import { parameterExample } from '../samples/request.js';
import { type SiteModel, samplesOf } from '../site/model.js';
import { errorPage, guidePage, operationMarkdown, referenceHref, relativeHref } from '../site/paths.js';
import { errorCodesOf } from '../spec/errors.js';
import { type ApiOperation, isSuccess, type ResolvedResponse } from '../spec/operations.js';
import { linkMentions } from '../spec/related.js';
import { constraintsOf, type SchemaField, schemaFields, typeLabel } from '../spec/schema.js';
import { blocks, code, fenced, jsonBlock, listItem, oneLine } from './markdown.js';
import { serverSetup } from './servers.js';

export function authText(op: ApiOperation): string {
  if (op.security.length === 0) {
    return 'None: this operation takes no credentials (`security: []`). Read its description for what protects it.';
  }
  return op.security
    .map(({ schemeName, scheme, scopes }) => {
      const header =
        scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer'
          ? 'Authorization: Bearer <key>'
          : scheme.type === 'apiKey'
            ? `${scheme.name}: <key>`
            : scheme.type;
      const scope = scopes.length > 0 ? `, scope ${scopes.map(code).join(' and ')}` : '';
      return `${code(header)} (scheme ${code(schemeName)}${scope}). ${(scheme.description ?? '').trim()}`;
    })
    .join('\n\nor\n\n');
}

export function fieldLine(field: SchemaField): string {
  const facts = [field.required ? '**required**' : 'optional', code(field.type), ...field.constraints].join(', ');
  return listItem(`${code(field.name)} (${facts})`, field.description);
}

function parametersSection(document: OpenApiDocument, op: ApiOperation): string | undefined {
  if (op.parameters.length === 0) return undefined;
  const lines = op.parameters.map((p) => {
    const facts = [
      p.in,
      p.required ? '**required**' : 'optional',
      code(typeLabel(document, p.schema)),
      ...constraintsOf(document, p.schema),
    ].join(', ');
    let example = '';
    try {
      example = `\nExample: ${code(String(parameterExample(document, p)))}.`;
    } catch {
      example = '';
    }
    return listItem(`${code(p.name)} (${facts})`, `${(p.description ?? '').trim()}${example}`);
  });
  return blocks('## Parameters', lines.join('\n'));
}

function requestSection(document: OpenApiDocument, op: ApiOperation): string | undefined {
  const body = op.requestBody;
  if (!body) return undefined;
  const fields = body.schema ? schemaFields(document, body.schema) : [];
  return blocks(
    '## Request body',
    `${body.required ? '**Required**' : 'Optional'}, ${code(body.mediaType)}${body.schema ? `, schema ${code(typeLabel(document, body.schema))}` : ''}.${body.description ? ` ${body.description.trim()}` : ''}`,
    fields.length > 0 ? fields.map(fieldLine).join('\n') : undefined,
    ...body.examples.map((example) =>
      blocks(
        `### Request example ${code(example.name)}${example.summary ? `: ${example.summary}` : ''}`,
        jsonBlock(example.value),
      ),
    ),
  );
}

function responseSection(model: SiteModel, op: ApiOperation, response: ResolvedResponse, from: string): string {
  const { document } = model;
  const codes = errorCodesOf(model.errors, op.operationId)
    .filter((c) => String(c.status) === response.status)
    .map((c) => `[${code(c.entry.code)}](${relativeHref(from, errorPage(c.entry, 'md'))})`);
  const fields = isSuccess(response.status) && response.schema ? schemaFields(document, response.schema) : [];
  return blocks(
    `### ${response.status}: ${oneLine(response.description)}`,
    response.headers.length > 0 ? `Headers: ${response.headers.map((h) => code(h.name)).join(', ')}.` : undefined,
    response.mediaType
      ? `Content: ${code(response.mediaType)}${response.schema ? `, schema ${code(typeLabel(document, response.schema))}` : ''}.`
      : 'No body.',
    codes.length > 0 ? `Error codes: ${codes.join(', ')}.` : undefined,
    fields.length > 0 ? fields.map(fieldLine).join('\n') : undefined,
    ...response.examples.map((example) =>
      blocks(
        `#### Response example ${code(example.name)}${example.summary ? `: ${example.summary}` : ''}`,
        jsonBlock(example.value),
      ),
    ),
  );
}

/** The one-line description of the page (its meta description): the summary and where it lives. */
export function operationDescription(op: ApiOperation): string {
  const first = oneLine(op.description).split(/(?<=\.)\s/)[0] ?? '';
  return `${op.method} ${op.path} (${op.group}). ${first}`.slice(0, 300);
}

export function operationPage(model: SiteModel, op: ApiOperation): string {
  const from = operationMarkdown(op);
  const samples = samplesOf(model, op.operationId);
  const related = model.related.get(op.operationId) ?? [];
  const link = (target: ApiOperation) => relativeHref(from, operationMarkdown(target));
  return blocks(
    `# ${op.summary}`,
    code(`${op.method} ${op.path}`),
    [
      `- Operation id: ${code(op.operationId)}`,
      `- Tag: ${op.tag} (${op.group})`,
      `- Interactive reference: [${op.summary}](${referenceHref(from, op)})`,
      op.deprecated ? '- **Deprecated**' : '',
    ]
      .filter(Boolean)
      .join('\n'),
    linkMentions(op.description, model.operations, op, link),
    blocks(
      '## Authentication',
      authText(op),
      op.security.length > 0
        ? `How to get a key: [Authentication and keys](${relativeHref(from, guidePage('authentication', 'md'))}).`
        : undefined,
    ),
    parametersSection(model.document, op),
    requestSection(model.document, op),
    blocks('## Responses', ...op.responses.map((r) => responseSection(model, op, r, from))),
    blocks(
      '## Code samples',
      serverSetup(model, op.security.length > 0),
      `The ids are the spec's examples; the sandbox's demo data has them. Against your own account, use ids your own calls returned.`,
      '### cURL',
      fenced('sh', samples.curl),
      '### TypeScript (`@billing-api/client`)',
      fenced('ts', samples.typescript),
    ),
    related.length > 0
      ? blocks(
          '## Related operations',
          related
            .map(
              ({ operation, reason }) =>
                `- [${operation.summary}](${link(operation)}): ${code(`${operation.method} ${operation.path}`)}${reason === 'same path' ? ' (same path)' : ''}`,
            )
            .join('\n'),
        )
      : undefined,
  );
}
