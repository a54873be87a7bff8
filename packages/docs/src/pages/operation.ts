/**
 * The Markdown twin of one operation (`operations/<operationId>.md`), written for readers and their
 * AI assistants: method and path, auth and scope, parameters with constraints and provenance,
 * request and response examples per status, error codes, code samples and related operations.
 */

import { parameterExample } from '../samples/request.js';
import { type SiteModel, samplesOf } from '../site/model.js';
import { errorPage, operationMarkdown, referenceHref, relativeHref } from '../site/paths.js';
import { errorCodesOf } from '../spec/errors.js';
import { type ApiOperation, isSuccess, type ResolvedResponse } from '../spec/operations.js';
import { constraintsOf, type SchemaField, schemaFields, typeLabel } from '../spec/schema.js';
import type { OpenApiDocument } from '../spec/types.js';
import { blocks, code, fenced, jsonBlock, oneLine } from './markdown.js';

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
      return `${code(header)} (scheme ${code(schemeName)}${scope}). ${oneLine(scheme.description)}`;
    })
    .join('\n\nor\n\n');
}

function fieldLine(field: SchemaField): string {
  const facts = [field.required ? '**required**' : 'optional', code(field.type), ...field.constraints].join(', ');
  return `- ${code(field.name)} (${facts})${field.description ? `: ${field.description}` : ''}`;
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
      example = ` Example: ${code(String(parameterExample(p)))}.`;
    } catch {
      example = '';
    }
    return `- ${code(p.name)} (${facts}): ${oneLine(p.description)}${example}`;
  });
  return blocks('## Parameters', lines.join('\n'));
}

function requestSection(document: OpenApiDocument, op: ApiOperation): string | undefined {
  const body = op.requestBody;
  if (!body) return undefined;
  const fields = body.schema ? schemaFields(document, body.schema) : [];
  return blocks(
    '## Request body',
    `${body.required ? '**Required**' : 'Optional'}, ${code(body.mediaType)}${body.schema ? `, schema ${code(typeLabel(document, body.schema))}` : ''}.${body.description ? ` ${oneLine(body.description)}` : ''}`,
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

export function operationPage(model: SiteModel, op: ApiOperation): string {
  const from = operationMarkdown(op);
  const samples = samplesOf(model, op.operationId);
  const related = model.related.get(op.operationId) ?? [];
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
    op.description,
    blocks('## Authentication', authText(op)),
    parametersSection(model.document, op),
    requestSection(model.document, op),
    blocks('## Responses', ...op.responses.map((r) => responseSection(model, op, r, from))),
    blocks(
      '## Code samples',
      '### cURL',
      `Set ${code('BILLING_API_KEY')} to your key; ids are the spec's examples: use ids your own calls returned.`,
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
                `- [${operation.summary}](${relativeHref(from, operationMarkdown(operation))}): ${code(`${operation.method} ${operation.path}`)}${reason === 'same path' ? ' (same path)' : ''}`,
            )
            .join('\n'),
        )
      : undefined,
  );
}
