// Static check 2: every operation documents the statuses the API's conventions require, by the
// model's rule (`missingStatuses` of @billing-api/openapi-model, with the reason for each).
import { appendPointer, listOperations, missingStatuses, type OpenApiDocument } from '@billing-api/openapi-model';
import type { Finding } from '../findings.js';

export function checkStatuses(document: OpenApiDocument): Finding[] {
  const findings: Finding[] = [];
  for (const entry of listOperations(document)) {
    const list = entry.responses.map((r) => r.status).join(', ');
    for (const { status, why } of missingStatuses(entry)) {
      findings.push({
        operation: entry.id,
        location: 'spec',
        pointer: appendPointer(entry.pointer, 'responses'),
        code: 'missing_status',
        expected: status,
        actual: `documented: ${list}`,
        message: `${entry.id} must document ${status} (${why})`,
      });
    }
  }
  return findings;
}
