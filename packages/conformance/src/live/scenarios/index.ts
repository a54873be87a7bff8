// Every scenario of a live run, in the order they run: first those that change nothing on a
// conforming server (negative inputs, oversized bodies, credentials, 404s), so that on a shared server they still find
// the data the others consume; then successes, rules, idempotency, server faults, scenarios that move
// the clock, and rate limits last (spending a budget slows what follows).
import type { ConformanceValidator } from '../../validators.js';
import type { Scenario } from '../scenario.js';
import { authScenarios } from './auth.js';
import { faultScenarios } from './faults.js';
import { idempotencyScenarios } from './idempotency.js';
import { negativeScenarios } from './negative.js';
import { notFoundScenarios } from './not-found.js';
import { rateLimitScenarios } from './rate-limit.js';
import { ruleScenarios } from './rules.js';
import { successScenarios } from './success.js';
import { tooLargeScenarios } from './too-large.js';

export function allScenarios(validator: ConformanceValidator): Scenario[] {
  const rules = ruleScenarios(validator);
  const list = [
    ...negativeScenarios(validator),
    ...tooLargeScenarios(validator),
    ...authScenarios(validator),
    ...notFoundScenarios(validator),
    ...successScenarios(validator),
    ...rules.filter((s) => !s.late),
    ...idempotencyScenarios(validator),
    ...faultScenarios(validator),
    ...rules.filter((s) => s.late),
    ...rateLimitScenarios(validator),
  ];
  // Members of a concurrent group move up to their first member, so the runner can start them together.
  const grouped: Scenario[] = [];
  for (const s of list) {
    if (!s.concurrentGroup) grouped.push(s);
    else if (!grouped.some((g) => g.concurrentGroup === s.concurrentGroup))
      grouped.push(...list.filter((m) => m.concurrentGroup === s.concurrentGroup));
  }
  const ids = new Set<string>();
  for (const s of grouped) {
    if (ids.has(s.id)) throw new Error(`two scenarios share the id "${s.id}"`);
    ids.add(s.id);
  }
  return grouped;
}
