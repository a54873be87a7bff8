// Credit invoices (seed 003): credit the whole remaining creditable amount or chosen lines by amount,
// never more than is still creditable (a line's amount minus issued credit invoices' lines for it),
// optionally held as a draft until finalize. Issuing one reduces the original's balance, returns
// money already received to the credit balance, and closes a fully credited original
// (`refunded` if it was paid, `cancelled` otherwise).
import type { SandboxContext } from '../context.js';
import { balanceOf, createInvoice, type FixedInvoiceIds, issueDraft, linesOf, reload, setStatus } from './invoices.js';
import { moveCredit, record } from './ledger.js';
import { queueEmail } from './outbox.js';
import type { InvoiceRow, LineRow } from './rows.js';
import { RuleError } from './rules.js';

const CREDITABLE = new Set(['unpaid', 'paid', 'collections']);

/** Remaining creditable amount (before tax, minor units) per line of the original. */
export function creditableByLine(
  ctx: SandboxContext,
  original: InvoiceRow,
): Map<string, { line: LineRow; remaining: number }> {
  const credited = ctx.db
    .prepare(
      `SELECT l.credits_line_id AS line_id, -SUM(l.amount_minor) AS credited
       FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.original_invoice_id = ? AND i.status = 'paid' AND l.credits_line_id IS NOT NULL
       GROUP BY l.credits_line_id`,
    )
    .all(original.id) as Array<{ line_id: string; credited: number }>;
  const byLine = new Map(credited.map((c) => [c.line_id, c.credited]));
  return new Map(
    linesOf(ctx, original.id).map((line) => [
      line.id,
      { line, remaining: line.amount_minor - (byLine.get(line.id) ?? 0) },
    ]),
  );
}

function assertCreditable(ctx: SandboxContext, original: InvoiceRow): void {
  // A refunded (or cancelled) invoice that its credit invoices already cover in full has "nothing
  // left to credit" (422), which says more than "not creditable in this status" (409).
  const credited = ctx.db
    .prepare(`SELECT COUNT(*) FROM invoices WHERE original_invoice_id = ? AND status = 'paid'`)
    .pluck()
    .get(original.id) as number;
  if (credited > 0 && [...creditableByLine(ctx, original).values()].every((c) => c.remaining <= 0)) {
    throw new RuleError('nothing_to_credit', { number: original.number ?? original.id });
  }
  if (original.kind === 'credit' || !CREDITABLE.has(original.status)) {
    throw new RuleError('invoice_not_creditable', { status: original.status, kind: original.kind });
  }
}

export interface CreditRequest {
  note?: string;
  lines?: Array<{ lineId: string; amountMinor: number }>;
  deliveryDate?: string;
  detailsSource: 'current' | 'original';
  hold: boolean;
  /** Ids of the credit invoice instead of generated ones (demo data). */
  fixed?: FixedInvoiceIds;
}

export function createCreditInvoice(ctx: SandboxContext, find: () => InvoiceRow, request: CreditRequest): InvoiceRow {
  return ctx.db.transaction(() => {
    const original = find();
    assertCreditable(ctx, original);
    const creditable = creditableByLine(ctx, original);
    let chosen: Array<{ line: LineRow; amount: number }>;
    if (request.lines) {
      const seen = new Set<string>();
      chosen = request.lines.map(({ lineId, amountMinor }, index) => {
        if (seen.has(lineId)) throw new RuleError('duplicate_credit_line', { index, lineId });
        seen.add(lineId);
        const entry = creditable.get(lineId);
        if (!entry) throw new RuleError('unknown_invoice_line', { lineId });
        if (amountMinor > entry.remaining) {
          throw new RuleError('credit_exceeds_creditable', {
            lineId,
            remaining: Math.max(0, entry.remaining),
            asked: amountMinor,
            currency: original.currency,
          });
        }
        return { line: entry.line, amount: amountMinor };
      });
    } else {
      chosen = [...creditable.values()]
        .filter((c) => c.remaining > 0)
        .map((c) => ({ line: c.line, amount: c.remaining }));
      if (chosen.length === 0) throw new RuleError('nothing_to_credit', { number: original.number ?? original.id });
    }
    const credit = createInvoice(ctx, {
      accountId: original.account_id,
      kind: 'credit',
      status: 'draft',
      ...(request.fixed ? { fixed: request.fixed } : {}),
      originalInvoiceId: original.id,
      note: request.note ?? null,
      detailsSource: request.detailsSource,
      deliveryDate: request.deliveryDate ?? original.issued_at?.slice(0, 10) ?? null,
      lines: chosen.map(({ line, amount }) => ({
        description: `Kredit: ${line.description}`,
        quantity: 1,
        unitAmountMinor: -amount,
        taxRateBp: line.tax_rate_bp,
        creditsLineId: line.id,
      })),
    });
    return request.hold ? credit : settleCreditInvoice(ctx, credit, original);
  })();
}

/** Issues a credit invoice and applies its effects to the original. Inside a transaction. */
function settleCreditInvoice(ctx: SandboxContext, draft: InvoiceRow, original: InvoiceRow): InvoiceRow {
  const issued = issueDraft(ctx, draft);
  setStatus(ctx, issued.id, 'paid', issued.issued_at);
  const credited = -issued.total_minor; // positive, tax included
  const reduce = Math.min(balanceOf(original), credited);
  const refund = credited - reduce;
  ctx.db.prepare('UPDATE invoices SET credited_minor = credited_minor + ? WHERE id = ?').run(credited, original.id);
  if (refund > 0) {
    record(ctx, {
      accountId: original.account_id,
      kind: 'transaction',
      method: 'creditInvoice',
      description: `Återbetalning till kreditsaldot, kreditfaktura ${issued.number ?? ''}`,
      amountMinor: -refund,
      invoice: original,
    });
    moveCredit(ctx, {
      accountId: original.account_id,
      method: 'creditInvoice',
      description: `Kredit från kreditfaktura ${issued.number ?? ''}`,
      amountMinor: refund,
      invoice: original,
    });
  }
  const fullyCredited = [...creditableByLine(ctx, original).values()].every((c) => c.remaining <= 0);
  const after = reload(ctx, original.id);
  if (fullyCredited) {
    setStatus(ctx, original.id, original.status === 'paid' ? 'refunded' : 'cancelled');
  } else if (after.status !== 'paid' && balanceOf(after) === 0) {
    setStatus(ctx, original.id, 'paid', ctx.clock.iso());
  }
  queueEmail(ctx, reload(ctx, issued.id), 'credit_invoice');
  return reload(ctx, issued.id);
}

/** Finalize a draft: a held credit invoice is settled (re-checking what is still creditable). */
export function finalizeInvoice(ctx: SandboxContext, find: () => InvoiceRow): InvoiceRow {
  return ctx.db.transaction(() => {
    const draft = find();
    if (draft.status !== 'draft') throw new RuleError('invoice_not_draft', { status: draft.status });
    if (draft.kind !== 'credit' || !draft.original_invoice_id) return issueDraft(ctx, draft);
    const original = reload(ctx, draft.original_invoice_id);
    const creditable = creditableByLine(ctx, original);
    for (const line of linesOf(ctx, draft.id)) {
      const entry = line.credits_line_id ? creditable.get(line.credits_line_id) : undefined;
      const remaining = CREDITABLE.has(original.status) ? Math.max(0, entry?.remaining ?? 0) : 0;
      if (-line.amount_minor > remaining) {
        throw new RuleError('credit_exceeds_creditable', {
          lineId: line.credits_line_id ?? line.id,
          remaining,
          asked: -line.amount_minor,
          currency: draft.currency,
        });
      }
    }
    return settleCreditInvoice(ctx, draft, original);
  })();
}
