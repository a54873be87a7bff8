/**
 * The "cause" and "fix" of an error code, from what the spec says about it: the clause of each
 * response description that names the code (the cause, per operation), and a fix by HTTP status
 * that points at the spec's own facts (the scopes an operation needs, where its path ids come from,
 * the rule its description states). The per-status advice is the only hand-written text, and it
 * names no code, limit or field: those all come from the spec.
 */
import type { SiteModel } from '../site/model.js';
import { guidePage, relativeHref } from '../site/paths.js';
import type { ErrorCodeEntry, ErrorOccurrence } from '../spec/errors.js';
import { code, oneLine } from './markdown.js';

/** The part of a response description that is about `errorCode`: its clause, else the whole text. */
export function causeClause(description: string, errorCode: string): string {
  const text = oneLine(description);
  const marker = `\`${errorCode}\``;
  if (!text.includes(marker)) return text;
  // Clauses are separated by sentence ends, semicolons, commas and ", or" lists.
  const clauses = text.split(/(?<=[.;])\s+|,\s+(?:or\s+)?|\s+or\s+(?=[a-z])/);
  const clause = clauses.find((c) => c.includes(marker)) ?? text;
  return clause.replace(/^[Tt]he (\w)/, (_m, c: string) => `The ${c}`).replace(/[.;,]$/, '');
}

function scopesFor(model: SiteModel, entry: ErrorCodeEntry): string[] {
  const ids = new Set(entry.occurrences.map((o) => o.operationId));
  return [
    ...new Set(
      model.operations.filter((op) => ids.has(op.operationId)).flatMap((op) => op.security.flatMap((s) => s.scopes)),
    ),
  ];
}

function pathIdSources(model: SiteModel, occurrence: ErrorOccurrence): string[] {
  const op = model.operations.find((o) => o.operationId === occurrence.operationId);
  return (op?.parameters ?? []).filter((p) => p.in === 'path').map((p) => `${code(p.name)}: ${oneLine(p.description)}`);
}

/** What to do about the code, by its status; every fact named comes from the spec. */
export function fixFor(model: SiteModel, entry: ErrorCodeEntry, from: string): string[] {
  const guide = (slug: string, title: string) => `[${title}](${relativeHref(from, guidePage(slug, 'md'))})`;
  const fixes: string[] = [];
  for (const status of entry.statuses) {
    if (status === 400) {
      fixes.push(
        entry.style === 'problem'
          ? `Fix the request so it matches the operation's parameters and body: each entry of \`errors[]\` names one field (\`pointer\`) and what is wrong with it (\`detail\`). The constraints are listed on each operation's page. Do not retry the same request unchanged.`
          : `Fix the request so it matches the operation's parameters and body; the \`message\` names the field. The constraints are listed on each operation's page. Do not retry the same request unchanged.`,
      );
    } else if (status === 401) {
      fixes.push(
        `Send a valid API key in the header the operation's security scheme names: ${guide('authentication', 'Authentication and keys')}.`,
      );
    } else if (status === 403) {
      const scopes = scopesFor(model, entry);
      fixes.push(
        `Use a key that carries the scope the operation names${scopes.length > 0 ? ` (${scopes.map(code).join(' or ')})` : ''}: ${guide('authentication', 'Authentication and keys')}.`,
      );
    } else if (status === 404) {
      const sources = [...new Set(entry.occurrences.flatMap((o) => pathIdSources(model, o)))];
      fixes.push(
        `Use an id exactly as a response gave it, for an object of the same account.${sources.length > 0 ? ` Where the ids come from: ${sources.join(' ')}` : ''}`,
      );
    } else if (status === 409) {
      fixes.push(
        entry.code.startsWith('idempotency')
          ? `Send a new \`Idempotency-Key\` for a new request, and the same key only with the same body; wait for a running request to finish before you repeat it: ${guide('idempotency', 'Idempotency and retries')}.`
          : `The object is not in the state the action needs. Read it again (its current state is in the response of the operation's GET) and act on what it is now; the rule is in the operation's description below.`,
      );
    } else if (status === 402) {
      fixes.push(`The payment was declined: ask the payer for another card, or send them a payment link.`);
    } else if (status === 410) {
      fixes.push(`The object has expired or was withdrawn: create a new one.`);
    } else if (status === 422) {
      fixes.push(
        `The request is well-formed but breaks a business rule of the operation (stated in its description): change the request (for example the amount) to what the rule allows. Retrying it unchanged gives the same answer.`,
      );
    } else if (status === 429) {
      fixes.push(`Wait as long as the answer says, then retry: ${guide('rate-limits', 'Rate limits')}.`);
    } else if (status >= 500) {
      fixes.push(
        `Retry with backoff; on v2 send the same \`Idempotency-Key\`, so a retried POST runs at most once (${guide('idempotency', 'Idempotency and retries')}). If it keeps failing, contact support with the \`requestId\`.`,
      );
    }
  }
  return [...new Set(fixes)];
}

/** Whether retrying the same request can succeed (the client retries these by itself). */
export function isRetryable(entry: ErrorCodeEntry): boolean {
  return entry.statuses.some((s) => s === 429 || s >= 500);
}
