// 413 scenarios: every operation that documents 413 gets its valid recipe request with a body just
// over the sandbox's limit (1 MiB), padded with one long string so the JSON stays well-formed. The
// server must refuse it unread with the documented 413, never a 5xx, a reset connection or a success.
// A black-box server whose limit is higher reads the body and rules on it; that answer makes the
// scenario not reachable (the kit does not grow the body until something gives).
import type { ConformanceValidator } from '../../validators.js';
import { Unreachable } from '../errors.js';
import type { Scenario } from '../scenario.js';
import { validRequest } from '../shared-probes.js';
import { documentedCodes, operationIds, statusesOf } from './common.js';

/** The probe body's size: just over the sandbox's 1 MiB, so no server limit of 1 MiB or less lets it through. */
export const OVERSIZED_BODY_BYTES = 1024 * 1024 + 1024;

export function oversizedBody(bytes = OVERSIZED_BODY_BYTES): string {
  const frame = '{"padding":""}';
  return `{"padding":"${'x'.repeat(bytes - frame.length)}"}`;
}

export function tooLargeScenarios(validator: ConformanceValidator): Scenario[] {
  return operationIds(validator)
    .filter((operation) => statusesOf(validator, operation).includes(413))
    .map((operation) => {
      return {
        id: `${operation} 413 body too large`,
        operation,
        status: 413,
        kind: 'too-large',
        title: `a body of ${OVERSIZED_BODY_BYTES} bytes, just over 1 MiB`,
        async run(ctx) {
          const { f, options } = await validRequest(ctx, operation);
          const exchange = await f.call(operation, { ...options, rawBody: oversizedBody() });
          const status = exchange.response.status;
          if (!ctx.control && status !== 413 && status < 500 && exchange.findings.length === 0)
            throw new Unreachable(
              `the server read a ${OVERSIZED_BODY_BYTES}-byte body and answered ${status}: its limit is higher`,
            );
          ctx.expect(exchange, 413, documentedCodes(validator, operation, 413), { pointer: '/', negative: true });
        },
      } satisfies Scenario;
    });
}
