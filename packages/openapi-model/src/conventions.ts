/**
 * The Billing API's rule for which statuses every operation documents (its style guide, in the spec
 * package's README): a success; 400 where it takes input; 401 where it needs credentials and 403
 * where it names a scope; 404 where its path has an id; 429 and 500 always. 402, 409, 410 and 422
 * depend on business rules and cannot be derived; the spec documents them per operation.
 */
import { isPublic, type OperationEntry, pathTemplateParameters, scopesOf } from './operations.js';

export interface StatusRequirement {
  /** `2xx` for "some success status", else the exact status. */
  status: string;
  why: string;
}

export function requiredStatuses(entry: OperationEntry): StatusRequirement[] {
  const required: StatusRequirement[] = [{ status: '2xx', why: 'every operation has a success response' }];
  if (entry.parameters.length > 0 || entry.requestBody) required.push({ status: '400', why: 'it takes input' });
  if (!isPublic(entry)) {
    required.push({ status: '401', why: 'it needs credentials' });
    if (scopesOf(entry).length > 0) required.push({ status: '403', why: 'it requires a scope' });
  }
  if (pathTemplateParameters(entry.path).length > 0) required.push({ status: '404', why: 'its path has an id' });
  required.push(
    { status: '429', why: 'every operation is rate limited' },
    { status: '500', why: 'every operation can fail on the server' },
  );
  return required;
}

/** The required statuses an operation does not document. */
export function missingStatuses(entry: OperationEntry): StatusRequirement[] {
  const documented = entry.responses.map((r) => r.status);
  return requiredStatuses(entry).filter(({ status }) =>
    status === '2xx' ? !documented.some((s) => /^2(\d\d|XX)$/i.test(s)) : !documented.includes(status),
  );
}
