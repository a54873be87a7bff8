/**
 * The TypeScript snippet of an error-catalogue page: call an operation that documents the code,
 * catch the client's typed error and branch on `code`. Rate-limit codes wait `Retry-After` seconds
 * and try again. Built from the same sample request as the operation's own TypeScript sample.
 */
import type { ErrorCodeEntry } from '../spec/errors.js';
import { tsLiteral } from './literal.js';
import type { SampleRequest } from './request.js';
import { CLIENT_PACKAGE, clientCall, clientSetup } from './typescript.js';

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

export function errorHandlingSample(entry: ErrorCodeEntry, request: SampleRequest): string {
  const rateLimited = entry.statuses.includes(429);
  const call = clientCall(request, 'result');
  const comment = `// ${entry.statuses.join(' or ')} ${entry.title}`;
  if (rateLimited) {
    return [
      `import { createBillingClient, isBillingApiError } from '${CLIENT_PACKAGE}';`,
      '',
      clientSetup(),
      '',
      'for (let attempt = 1; ; attempt++) {',
      '  try {',
      indent(call, '    '),
      '    console.log(result);',
      '    break;',
      '  } catch (error) {',
      `    if (isBillingApiError(error) && error.code === ${tsLiteral(entry.code)} && attempt < 3) {`,
      `      ${comment}: the client already retried; wait as long as the server asks`,
      '      // (`Retry-After` header on v2, `retryAfter` in the v1 body, here in milliseconds), then try again.',
      '      const waitMs = error.retryAfterMs ?? 1000;',
      '      await new Promise((resolve) => setTimeout(resolve, waitMs));',
      '      continue;',
      '    }',
      '    throw error;',
      '  }',
      '}',
      '',
    ].join('\n');
  }
  return [
    `import { createBillingClient, isBillingApiError } from '${CLIENT_PACKAGE}';`,
    '',
    clientSetup(),
    '',
    'try {',
    indent(call, '  '),
    '  console.log(result);',
    '} catch (error) {',
    `  if (isBillingApiError(error) && error.code === ${tsLiteral(entry.code)}) {`,
    `    ${comment}: \`message\` is for humans, \`requestId\` is for support.`,
    '    console.error(error.status, error.message, error.requestId);',
    entry.code === 'invalid_request' || entry.code === 'BAD_REQUEST'
      ? '    for (const field of error.fieldErrors ?? []) console.error(field.pointer, field.detail);'
      : undefined,
    '  } else {',
    '    throw error;',
    '  }',
    '}',
    '',
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n');
}
