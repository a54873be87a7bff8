// Identifiers: v2 prefixed ULIDs (`inv_` + 26 lowercase Crockford base32, via ulidx), link UUIDs,
// checkout session ids, API keys and request ids. With `--seed` every id and key that the demo data
// uses comes from a seeded PRNG and a fixed time base, so two runs with the same seed are identical.
import { randomFillSync, randomUUID } from 'node:crypto';
import { monotonicFactory } from 'ulidx';

/** mulberry32: a small seeded PRNG (good enough for ids, not for secrets in production). */
function seededPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Cryptographic randomness drawn from a 4 KiB pool: ulidx's default source asks the OS for one byte
 * per character, which was a measurable share of every request (its request id).
 */
function pooledRandom(): () => number {
  const pool = Buffer.alloc(4096);
  let at = pool.length;
  return () => {
    if (at + 4 > pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    const value = pool.readUInt32BE(at) / 4294967296;
    at += 4;
    return value;
  };
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
/** 2026-01-01T00:00:00.000Z: the time part of seeded ULIDs. */
const SEED_TIME = Date.UTC(2026, 0, 1);

export type IdPrefix = 'inv' | 'line' | 'txn' | 'card' | 'acct' | 'req';

export class Ids {
  private readonly random: () => number;
  private readonly ulid: (time?: number) => string;
  private readonly requestUlid = monotonicFactory(pooledRandom());
  private tick = 0;

  constructor(
    private readonly seed: number | undefined,
    private readonly nowMs: () => number,
  ) {
    this.random = seed === undefined ? pooledRandom() : seededPrng(seed);
    this.ulid = monotonicFactory(this.random);
  }

  /** A prefixed id, e.g. `inv_01jd8k3a5b7c9d1e3f5g7h9j1k`. */
  id(prefix: Exclude<IdPrefix, 'req'>): string {
    const time = this.seed === undefined ? this.nowMs() : SEED_TIME + this.tick++;
    return `${prefix}_${this.ulid(time).toLowerCase()}`;
  }

  /** A v2 request id (always random: requests are not part of the seeded state). */
  requestIdV2(): string {
    return `req_${this.requestUlid().toLowerCase()}`;
  }

  requestIdV1(): string {
    return randomUUID();
  }

  /** A RFC 4122 version 4 UUID (payment links). */
  uuid(): string {
    if (this.seed === undefined) return randomUUID();
    const bytes = Array.from({ length: 16 }, () => Math.floor(this.random() * 256));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** `cs_` + 32 hex characters (v1 checkout sessions). */
  sessionId(): string {
    return `cs_${this.uuid().replaceAll('-', '')}`;
  }

  /** An API key: `sk_test_` + 32 base32 characters. */
  apiKey(): string {
    let key = 'sk_test_';
    for (let i = 0; i < 32; i++) key += CROCKFORD[Math.floor(this.random() * 32)];
    return key;
  }
}
