// One matched pair of operations (or webhooks): identity (operationId, method, path), then
// parameters, request body, responses, security and servers. A webhook is the API calling the
// receiver, so its directions are reversed: the payload is what the receiver gets (compared like a
// response), its responses are what the receiver sends back (compared like a request).

import { child } from '../schema/pointers.js';
import { compareRequestBody } from './content.js';
import type { Comparison, OpFinding } from './context.js';
import type { Op } from './operations.js';
import { compareParameters } from './parameters.js';
import { compareResponses } from './responses.js';
import { compareSecurity } from './security.js';
import { compareOperationServers } from './servers.js';

export function compareOperation(cmp: Comparison, b: Op, h: Op, how: 'same' | 'moved'): OpFinding[] {
  const out: OpFinding[] = [];
  const be = b.entry;
  const he = h.entry;
  if (how === 'moved') {
    const pathChanged = be.path !== he.path;
    out.push({
      ruleId: pathChanged ? 'operation-path-changed' : 'operation-method-changed',
      pointer: he.pointer,
      side: 'head',
      message: pathChanged
        ? `operation ${be.operationId} moved from ${be.method.toUpperCase()} ${be.path} to ${he.method.toUpperCase()} ${he.path}`
        : `operation ${be.operationId} changed method from ${be.method.toUpperCase()} to ${he.method.toUpperCase()}`,
    });
  }
  if (be.operationId && he.operationId && be.operationId !== he.operationId)
    out.push({
      ruleId: 'operation-id-changed',
      pointer: child(he.pointer, 'operationId'),
      side: 'head',
      message: `operationId ${be.operationId} -> ${he.operationId}`,
    });
  else if (be.operationId && !he.operationId)
    out.push({
      ruleId: 'operation-id-removed',
      pointer: he.pointer,
      side: 'head',
      message: `operationId ${be.operationId} removed`,
    });
  if (be.operation.deprecated !== true && he.operation.deprecated === true)
    out.push({
      ruleId: 'operation-deprecated',
      pointer: child(he.pointer, 'deprecated'),
      side: 'head',
      message: 'operation is now deprecated',
    });
  const reversed = b.webhook;
  compareParameters(cmp, be, he, out, reversed);
  compareRequestBody(cmp, be, he, out, reversed ? 'response' : 'request-body');
  compareResponses(cmp, be, he, out, reversed);
  if (!reversed) {
    compareSecurity(cmp, be, he, out);
    out.push(...compareOperationServers(cmp.base, cmp.head, be, he));
  }
  return out;
}
