// The bodies the control routes accept, as JSON Schemas checked with Ajv (the same validator the
// API's requests go through), so every control input is bounded: sizes, counts, ranges, known
// values only. A body that breaks them is a 400 naming the field.
import { Ajv2020, type ErrorObject, type JSONSchemaType } from 'ajv/dist/2020.js';
import { MAX_OFFSET_MS } from '../domain/clock.js';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const count = (maximum: number) => ({ type: 'integer', minimum: 0, maximum }) as const;
/** Major units with at most two decimals, as the API's amounts. */
const money = (maximum: number) => ({ type: 'number', minimum: 0, maximum, multipleOf: 0.01 }) as const;

export interface AccountInput {
  type?: 'business' | 'personal';
  currency?: string;
  credit?: number;
  name?: string;
  email?: string;
  country?: string;
  orgNumber?: string | null;
  address?: string;
  cards?: Array<{
    brand?: 'visa' | 'mastercard' | 'amex' | 'other';
    last4: string;
    expMonth?: number;
    expYear?: number;
    cardholderName?: string | null;
    primary?: boolean;
  }>;
  invoices?: Array<{
    kind?: 'standard' | 'add_funds';
    status?: 'draft' | 'unpaid' | 'payment_pending' | 'paid' | 'cancelled' | 'refunded' | 'collections';
    lines?: Array<{ description: string; quantity?: number; unitAmount: number; taxRate?: number }>;
    issuedDaysAgo?: number;
    dueInDays?: number;
  }>;
  keys?: Record<string, Array<'read:billing' | 'write:billing'>>;
}

const account = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['business', 'personal'], nullable: true },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', nullable: true },
    credit: { ...money(100_000_000), nullable: true },
    name: { ...text(200), nullable: true },
    email: { ...text(200), nullable: true },
    country: { type: 'string', pattern: '^[A-Z]{2}$', nullable: true },
    orgNumber: { type: 'string', maxLength: 50, nullable: true },
    address: { ...text(300), nullable: true },
    cards: {
      type: 'array',
      maxItems: 20,
      nullable: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['last4'],
        properties: {
          brand: { type: 'string', enum: ['visa', 'mastercard', 'amex', 'other'], nullable: true },
          last4: { type: 'string', pattern: '^[0-9]{4}$' },
          expMonth: { type: 'integer', minimum: 1, maximum: 12, nullable: true },
          expYear: { type: 'integer', minimum: 2000, maximum: 2100, nullable: true },
          cardholderName: { type: 'string', maxLength: 200, nullable: true },
          primary: { type: 'boolean', nullable: true },
        },
      },
    },
    invoices: {
      type: 'array',
      maxItems: 50,
      nullable: true,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: ['standard', 'add_funds'], nullable: true },
          status: {
            type: 'string',
            enum: ['draft', 'unpaid', 'payment_pending', 'paid', 'cancelled', 'refunded', 'collections'],
            nullable: true,
          },
          lines: {
            type: 'array',
            minItems: 1,
            maxItems: 50,
            nullable: true,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['description', 'unitAmount'],
              properties: {
                description: text(200),
                quantity: { type: 'integer', minimum: 1, maximum: 10_000, nullable: true },
                unitAmount: money(10_000_000),
                taxRate: { type: 'number', minimum: 0, maximum: 100, nullable: true },
              },
            },
          },
          issuedDaysAgo: { ...count(3650), nullable: true },
          dueInDays: { ...count(3650), nullable: true },
        },
      },
    },
    keys: {
      type: 'object',
      nullable: true,
      maxProperties: 10,
      propertyNames: { maxLength: 100, minLength: 1 },
      required: [],
      additionalProperties: {
        type: 'array',
        maxItems: 2,
        uniqueItems: true,
        items: { type: 'string', enum: ['read:billing', 'write:billing'] },
      },
    },
  },
} as unknown as JSONSchemaType<AccountInput>;

export interface AdvanceInput {
  ms?: number;
  seconds?: number;
  minutes?: number;
  days?: number;
}

const span = (unitMs: number) => ({ type: 'number', minimum: 0, maximum: MAX_OFFSET_MS / unitMs, nullable: true });
const advance = {
  type: 'object',
  additionalProperties: false,
  properties: { ms: span(1), seconds: span(1000), minutes: span(60_000), days: span(86_400_000) },
} as unknown as JSONSchemaType<AdvanceInput>;

export interface LatencyInput {
  operationId?: string;
  ms: number;
}

const latency = {
  type: 'object',
  additionalProperties: false,
  required: ['ms'],
  properties: { operationId: { ...text(100), nullable: true }, ms: { type: 'integer', minimum: 0, maximum: 60_000 } },
} as unknown as JSONSchemaType<LatencyInput>;

export interface FaultInput {
  operationId: string;
  enabled?: boolean;
}

const fault = {
  type: 'object',
  additionalProperties: false,
  required: ['operationId'],
  properties: { operationId: text(100), enabled: { type: 'boolean', nullable: true } },
} as unknown as JSONSchemaType<FaultInput>;

const ajv = new Ajv2020({ allErrors: false, strict: false });

export const inputs = {
  account: ajv.compile(account),
  advance: ajv.compile(advance),
  latency: ajv.compile(latency),
  fault: ajv.compile(fault),
};

/** The first error in words: `/cards/0/last4 must match pattern "^[0-9]{4}$"`. */
export function explain(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'the body is not valid';
  const where = first.instancePath || '(the body)';
  if (first.keyword === 'additionalProperties')
    return `${where} has an unknown field ${JSON.stringify(first.params.additionalProperty)}`;
  if (first.keyword === 'enum')
    return `${where} must be one of: ${(first.params.allowedValues as string[]).join(', ')}`;
  return `${where} ${first.message ?? 'is not valid'}`;
}
