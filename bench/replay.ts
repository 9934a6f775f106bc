// The replay limit (issue #15): the exact statements the measured payment cycles sent, captured from
// the real run, replayed through raw `pg` with the same arguments at the same concurrency, with no app
// code, on a copy of the database as it was before the run. Our cycles a second over the replay's is
// what the app adds on top of its own SQL; the statement count is what the design asks of PostgreSQL.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/** The arguments of one `Client.query` call: a query config (text, values, name...) or text and values. */
type Statement = unknown[];

const cycleLog = new AsyncLocalStorage<Statement[]>();
/** Configs a pool's query was given: the client query the pool makes with them is the same statement. */
const viaPool = new WeakSet<object>();

/**
 * Runs `body` with statement capture on: each call of the `capture` it is given runs one cycle and,
 * if the cycle succeeds, keeps the statements it sent (through pools and checked-out clients alike,
 * attributed by async context). Returns the body's result and the cycles in the order they finished.
 */
export async function capturing<T>(
  body: (capture: (cycle: () => Promise<void>) => Promise<void>) => Promise<T>,
): Promise<{ result: T; cycles: Statement[][] }> {
  const cycles: Statement[][] = [];
  const clientQuery = pg.Client.prototype.query;
  const poolQuery = pg.Pool.prototype.query;
  pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
    const log = cycleLog.getStore();
    if (log && typeof args[0] === 'object' && args[0] !== null) {
      viaPool.add(args[0]);
      log.push(args.filter((a) => typeof a !== 'function'));
    }
    return (poolQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof poolQuery;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const log = cycleLog.getStore();
    if (log && !(typeof args[0] === 'object' && args[0] !== null && viaPool.has(args[0])))
      log.push(args.filter((a) => typeof a !== 'function'));
    return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof clientQuery;
  try {
    const result = await body(async (cycle) => {
      const log: Statement[] = [];
      await cycleLog.run(log, cycle);
      cycles.push(log);
    });
    return { result, cycles };
  } finally {
    pg.Client.prototype.query = clientQuery;
    pg.Pool.prototype.query = poolQuery;
  }
}

/**
 * A copy of `url`'s database as it is now (CREATE DATABASE ... TEMPLATE): nothing may be connected
 * to it meanwhile. Returns the copy's URL and a way to drop it.
 */
export async function copyDatabase(url: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = new URL(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${source.pathname.slice(1)}"`);
        break;
      } catch (error) {
        // 55006: a session (an autovacuum worker, a pool still closing) is on the template: wait.
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await client.end();
  }
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return {
    url: copy.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Replays `cycles` on `url` from `clients` concurrent loops, each cycle's statements in order on one
 * connection (its transactions stay whole). Throws if any statement fails: a replay that diverged
 * from the run measures something else.
 */
export async function replay(url: string, cycles: Statement[][], clients: number) {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  const clientQuery = pg.Client.prototype.query as (...a: unknown[]) => Promise<unknown>;
  let next = 0;
  let failed: unknown;
  const spent = new Map<string, number>();
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let cycle = cycles[next++]; cycle && !failed; cycle = cycles[next++]) {
          const client = await pool.connect();
          try {
            for (const statement of cycle) {
              const t = performance.now();
              await clientQuery.apply(client, statement);
              const key = statementKey(statement);
              spent.set(key, (spent.get(key) ?? 0) + performance.now() - t);
            }
          } catch (error) {
            failed ??= error;
          } finally {
            client.release();
          }
        }
      }),
    );
  } finally {
    await pool.end();
  }
  if (failed) throw new Error(`The replay diverged from the run: ${(failed as Error).message}`);
  const elapsed = (performance.now() - started) / 1000;
  const statements = cycles.reduce((n, c) => n + c.length, 0);
  const total = [...spent.values()].reduce((a, b) => a + b, 0);
  return {
    cycles: cycles.length,
    perSecond: cycles.length / elapsed,
    statementsPerCycle: statements / cycles.length,
    // Where the replay's time goes: the statements with the largest share of it, by what they call or touch.
    slowest: [...spent.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([statement, ms]) => ({
        statement,
        msPerCycle: +(ms / cycles.length).toFixed(2),
        share: +(ms / total).toFixed(2),
      })),
  };
}

/** A statement's name for the profile: the function it calls, else its verb and first table. */
function statementKey(statement: Statement): string {
  const first = statement[0] as string | { text: string };
  const text = (typeof first === 'string' ? first : first.text).replace(/\s+/g, ' ').trim();
  const called = /utilitypay_\w+/.exec(text);
  if (called) return called[0];
  const verb = /^\w+/.exec(text)?.[0]?.toUpperCase() ?? '?';
  const table = /(?:FROM|INTO|UPDATE)\s+(?:"public"\.)?"?(\w+)"?/i.exec(text)?.[1];
  return table ? `${verb} ${table}` : verb;
}
