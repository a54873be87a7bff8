// The store on a PostgreSQL server, through Kysely's PostgreSQL dialect on `pg` (node-postgres, the
// most used PostgreSQL driver for Node, pure JavaScript). The queries are in queries.ts, shared with
// the SQLite store; this file connects, migrates, runs transactions and says which process is alive.
//
// Many sandbox processes may share one database and behave as one server:
// - Transactions run at READ COMMITTED, and the reads a rule checks before it writes take row locks
//   (`SELECT … FOR UPDATE`: the invoice, the account), so two instances applying credit to one
//   invoice queue on its row and the second sees the first's result. A transaction that meets a
//   deadlock or a serialization failure is rolled back and run again, a bounded number of times.
// - Due payments are claimed with `FOR UPDATE SKIP LOCKED` and settled by a conditional update, so
//   each is settled once, by whichever instance claims it first.
// - An idempotency key is locked (a transaction-scoped advisory lock on the key) while a request
//   reads and claims it. A key "running" in another instance is in progress while that instance
//   lives; each instance holds a session advisory lock for its lifetime (taken again on a new
//   connection if its own drops), which the server releases when its connection closes, so a
//   SIGKILLed instance's keys are free to run again at once, without a lease to wait out.
// - Migrations run under an advisory lock: instances starting together migrate once.
// Integers come back as JavaScript numbers (pg returns 64-bit integers and sums as strings); money is
// in minor units, far below 2^53.
import { createHash, randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { dialects, migrate, SEQUENCE_STARTS, UnservableDatabaseError } from './migrations.js';
import { repositories, type Schema, type Spelling, TABLES } from './queries.js';
import type { Store } from './store.js';

/** Advisory lock namespaces (the first of the two keys), so ours never meet another application's. */
export const LOCK = { migrations: 0x5b1_0001, instance: 0x5b1_0002, idempotencyKey: 0x5b1_0003 } as const;

/** How many times a transaction that lost a deadlock or a serialization race is run again. */
const RETRIES = 8;
const RETRYABLE = new Set(['40001', '40P01']);

const INT8 = 20;
const NUMERIC = 1700;

/** A connection URL without its password, for messages. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

/** The instance's lock key: a positive 31-bit number from its id. */
const instanceKey = (instance: string) =>
  Number.parseInt(createHash('sha256').update(instance).digest('hex').slice(0, 7), 16);

const parsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** One line saying why the server cannot be used. */
function connectionProblem(error: unknown, where: string): UnservableDatabaseError {
  const e = error as { code?: string; message?: string };
  const reason =
    e.code === 'ECONNREFUSED'
      ? 'connection refused: is PostgreSQL running and listening there?'
      : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
        ? 'unknown host'
        : e.code === '3D000'
          ? 'the database does not exist (create it with createdb)'
          : e.code === '28P01' || e.code === '28000'
            ? `not allowed in: ${e.message}`
            : (e.message ?? String(error));
  return new UnservableDatabaseError(`cannot connect to ${where}: ${reason}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects, migrates, and holds this instance's liveness lock; a server it cannot use is an UnservableDatabaseError. */
export async function openPostgresStore(url: string): Promise<Store> {
  const where = describeUrl(url);
  const config: pg.ClientConfig = { connectionString: url, types: parsers, connectionTimeoutMillis: 10_000 };
  const instance = randomUUID();
  // The instance's own connection: it holds the liveness lock for as long as this process runs. If
  // that connection drops while the process lives (a server restart, a terminated backend, a network
  // cut), the lock is taken again on a new one: until then the other instances treat this one's
  // running keys as abandoned (a held request then finds its key taken over and does not run).
  let closing = false;
  let holder = new pg.Client(config);
  holder.on('error', () => {}); // met by 'end' below
  const lockInstance = (client: pg.Client) =>
    client.query('SELECT pg_advisory_lock($1, $2)', [LOCK.instance, instanceKey(instance)]);
  const watch = (client: pg.Client) => client.once('end', () => void (closing ? undefined : retake()));
  async function retake(): Promise<void> {
    for (let attempt = 1; !closing; attempt++) {
      const client = new pg.Client(config);
      client.on('error', () => {});
      try {
        await client.connect();
        await lockInstance(client);
        if (closing) return void (await client.end());
        holder = client;
        watch(client);
        return;
      } catch {
        await client.end().catch(() => {});
        await sleep(Math.min(1_000, 50 * attempt));
      }
    }
  }
  try {
    await holder.connect();
  } catch (error) {
    throw connectionProblem(error, where);
  }
  const pool = new pg.Pool({ ...config, max: 10 });
  pool.on('error', () => {}); // an idle connection the server closed; the pool replaces it
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await lockInstance(holder);
    await holder.query('SELECT pg_advisory_lock($1, 0)', [LOCK.migrations]);
    try {
      await migrate(kysely, dialects.postgres, where);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1, 0)', [LOCK.migrations]);
    }
  } catch (error) {
    closing = true;
    await kysely.destroy();
    await holder.end().catch(() => {});
    if (error instanceof UnservableDatabaseError) throw error;
    throw new UnservableDatabaseError(`cannot use ${where}: ${(error as Error).message}`);
  }
  watch(holder);
  const spelling = (locks: boolean): Spelling => ({
    dialect: dialects.postgres,
    locks,
    async alive(q, owner) {
      if (owner === instance) return true;
      const { rows } = await q.executeQuery(
        sql<{ alive: boolean }>`
        SELECT EXISTS (
          SELECT 1 FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND classid = ${LOCK.instance} AND objid = ${instanceKey(owner)}
            AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        ) AS alive`.compile(kysely),
      );
      return rows[0]?.alive === true;
    },
    async lockKey(q, accountId, key) {
      if (!locks) return;
      await q.executeQuery(
        sql`SELECT pg_advisory_xact_lock(${LOCK.idempotencyKey}, hashtext(${`${accountId} ${key}`}))`.compile(kysely),
      );
    },
  });
  const read = repositories(kysely, kysely, spelling(false));
  let running = 0;
  return {
    where,
    instance,
    shared: true,
    read,
    async transaction(fn) {
      running++;
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            return await kysely
              .transaction()
              .setIsolationLevel('read committed')
              .execute((trx) => fn(repositories(kysely, trx, spelling(true))));
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (!code || !RETRYABLE.has(code) || attempt >= RETRIES) throw error;
            await sleep(Math.random() * 5 * attempt); // the winner commits meanwhile
          }
        }
      } finally {
        running--;
      }
    },
    wipe: () =>
      kysely.transaction().execute(async (trx) => {
        await sql`TRUNCATE ${sql.join(TABLES.map((t) => sql.table(t)))} RESTART IDENTITY`.execute(trx);
        for (const [name, seq] of Object.entries(SEQUENCE_STARTS)) await dialects.postgres.setSequence(trx, name, seq);
      }),
    async close() {
      while (running > 0) await sleep(5);
      closing = true;
      await kysely.destroy();
      await holder.end().catch(() => {});
    },
  };
}
