// The sandbox's own control endpoints under `/sandbox/` (not part of the Billing API spec; documented
// in the package README): reset, create accounts, move the clock, read the outbox, complete a
// checkout, and test hooks (latency, faults). No key is needed: the sandbox listens on loopback.
import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from '../context.js';
import { type AccountSpec, createAccount } from '../domain/accounts.js';
import { completeCheckout, settleDuePayments } from '../domain/payments.js';
import { readBody } from '../http/body.js';
import type { Target } from '../http/pipeline.js';

export interface ControlDeps {
  ctx: SandboxContext;
  reset: () => unknown;
  clearRateLimits: () => void;
}

type Reply = { status: number; body: unknown };

const bad = (message: string): Reply => ({ status: 400, body: { error: 'bad_request', message } });
const notFound = (message: string): Reply => ({ status: 404, body: { error: 'not_found', message } });

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown> | Reply> {
  const body = await readBody(req);
  if (body.kind === 'none') return {};
  let value: unknown;
  try {
    // Lenient about Content-Type: `curl -d '{"days":1}'` sends form-urlencoded.
    value = body.kind === 'json' ? body.value : body.kind === 'other' ? JSON.parse(body.text) : undefined;
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('the body must be a JSON object');
  return value as Record<string, unknown>;
}

const isReply = (value: unknown): value is Reply =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

export function createControl(deps: ControlDeps): (req: IncomingMessage, url: Target) => Promise<Reply> {
  const { ctx } = deps;
  return async (req, url) => {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const route = `${method} ${path}`;
    if (route === 'GET /sandbox/health') return { status: 200, body: { ok: true, now: ctx.clock.iso() } };
    if (route === 'POST /sandbox/reset') {
      deps.clearRateLimits();
      return { status: 200, body: deps.reset() };
    }
    if (route === 'POST /sandbox/accounts') {
      const body = await jsonBody(req);
      if (isReply(body)) return body;
      if (body.type !== undefined && body.type !== 'business' && body.type !== 'personal')
        return bad('type must be business or personal');
      if (body.credit !== undefined && (typeof body.credit !== 'number' || body.credit < 0))
        return bad('credit must be a number >= 0 (major units)');
      try {
        return { status: 201, body: createAccount(ctx, body as AccountSpec) };
      } catch (error) {
        return bad(`could not create the account: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (route === 'GET /sandbox/clock')
      return { status: 200, body: { now: ctx.clock.iso(), offsetMs: ctx.clock.offset } };
    if (route === 'POST /sandbox/clock/advance') {
      const body = await jsonBody(req);
      if (isReply(body)) return body;
      const ms =
        Number(body.ms ?? 0) +
        Number(body.seconds ?? 0) * 1000 +
        Number(body.minutes ?? 0) * 60_000 +
        Number(body.days ?? 0) * 86_400_000;
      if (!Number.isFinite(ms) || ms <= 0) return bad('give a positive ms, seconds, minutes or days');
      ctx.clock.advance(ms);
      const settledPayments = settleDuePayments(ctx);
      return { status: 200, body: { now: ctx.clock.iso(), offsetMs: ctx.clock.offset, settledPayments } };
    }
    if (route === 'GET /sandbox/outbox') {
      settleDuePayments(ctx); // emails of payments that are due
      const accountId = url.searchParams.get('accountId');
      const invoiceId = url.searchParams.get('invoiceId');
      const emails = ctx.db
        .prepare(
          `SELECT id, account_id AS accountId, recipient, subject, template, invoice_id AS invoiceId, created_at AS createdAt FROM outbox
           WHERE (? IS NULL OR account_id = ?) AND (? IS NULL OR invoice_id = ?) ORDER BY id`,
        )
        .all(accountId, accountId, invoiceId, invoiceId);
      return { status: 200, body: { emails } };
    }
    const checkout = /^GET \/sandbox\/checkout\/(cs_[0-9a-f]{32})$/.exec(route);
    if (checkout) {
      const result = completeCheckout(ctx, checkout[1]!);
      if (!result.found) return notFound('no checkout session has this id');
      return { status: 200, body: { sessionId: checkout[1], status: 'completed', invoiceId: result.invoiceId } };
    }
    if (route === 'POST /sandbox/latency') {
      const body = await jsonBody(req);
      if (isReply(body)) return body;
      const ms = Number(body.ms);
      if (!Number.isFinite(ms) || ms < 0 || ms > 60_000) return bad('ms must be between 0 and 60000');
      const key = typeof body.operationId === 'string' ? body.operationId : '*';
      if (ms === 0) ctx.hooks.latencyMs.delete(key);
      else ctx.hooks.latencyMs.set(key, ms);
      return { status: 200, body: { latencyMs: Object.fromEntries(ctx.hooks.latencyMs) } };
    }
    if (route === 'POST /sandbox/faults') {
      const body = await jsonBody(req);
      if (isReply(body)) return body;
      if (typeof body.operationId !== 'string') return bad('operationId is required');
      if (body.enabled === false) ctx.hooks.faults.delete(body.operationId);
      else ctx.hooks.faults.add(body.operationId);
      return { status: 200, body: { faults: [...ctx.hooks.faults] } };
    }
    return notFound(`no control endpoint ${method} ${path}`);
  };
}
