// Static check 2: every operation documents the statuses DESIGN.md §4.3 requires: a 2xx; 400 where
// it takes input (parameters or a body); 401 where it is secured and 403 where it names a scope; 404
// where its path has an id; 429 and 500 always. Inputs, security and path ids are read from the spec.

import { toPointer } from '@billing-api/validation';
import type { Finding } from '../findings.js';
import { documentedStatuses, operationObject } from '../spec.js';
import type { ConformanceValidator } from '../validators.js';

export interface StatusRequirement {
  status: string;
  why: string;
}

/** The statuses an operation must document, with the reason for each. */
export function requiredStatuses(validator: ConformanceValidator, operationId: string): StatusRequirement[] {
  const info = validator.spec.getOperation(operationId)!;
  const required: StatusRequirement[] = [{ status: '2xx', why: 'every operation has a success response' }];
  const op = operationObject(validator.document, info.pathTemplate, info.method);
  const hasParameters =
    info.headerParameters.length > 0 || /\{[^}]+\}/.test(info.pathTemplate) || (op.parameters ?? []).length > 0;
  if (hasParameters || info.requestBody !== 'none') required.push({ status: '400', why: 'it takes input' });
  const secured = info.security.length > 0 && !info.security.some((r) => Object.keys(r).length === 0);
  if (secured) {
    required.push({ status: '401', why: 'it is secured' });
    if (info.security.some((r) => Object.values(r).some((scopes) => scopes.length > 0)))
      required.push({ status: '403', why: 'it requires a scope' });
  }
  if (/\{[^}]+\}/.test(info.pathTemplate)) required.push({ status: '404', why: 'its path has an id' });
  required.push(
    { status: '429', why: 'every operation is rate limited' },
    { status: '500', why: 'every operation can fail on the server' },
  );
  return required;
}

export function checkStatuses(validator: ConformanceValidator): Finding[] {
  const findings: Finding[] = [];
  for (const info of validator.spec.operations) {
    const op = operationObject(validator.document, info.pathTemplate, info.method);
    const documented = documentedStatuses(op);
    const list = Object.keys(op.responses ?? {}).join(', ');
    for (const { status, why } of requiredStatuses(validator, info.operationId)) {
      const present =
        status === '2xx' ? documented.some((s) => s >= 200 && s < 300) : documented.includes(Number(status));
      if (present) continue;
      findings.push({
        operation: info.operationId,
        location: 'spec',
        pointer: toPointer(['paths', info.pathTemplate, info.method.toLowerCase(), 'responses']),
        code: 'missing_status',
        expected: status,
        actual: `documented: ${list}`,
        message: `${info.operationId} must document ${status} (${why})`,
      });
    }
  }
  return findings;
}
