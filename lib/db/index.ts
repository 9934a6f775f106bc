import 'server-only';
import { env } from '@/lib/env';
import type pg from 'pg';
import { Prisma } from '@/generated/prisma/client';
import { createDb, createPool, type Db } from './client';

export type { Db } from './client';
export { Prisma };

// One pool per process, under one Prisma client, kept on globalThis so dev-server reloads do not
// open new pools.
const globalForDb = globalThis as unknown as { utilityPayDb?: Db; utilityPayPool?: pg.Pool };

function connect(): { db: Db; pool: pg.Pool } {
  if (!globalForDb.utilityPayDb || !globalForDb.utilityPayPool) {
    const pool = createPool(env().DATABASE_URL, env().DATABASE_POOL_SIZE);
    globalForDb.utilityPayPool = pool;
    globalForDb.utilityPayDb = createDb(env().DATABASE_URL, env().DATABASE_POOL_SIZE, pool);
  }
  return { db: globalForDb.utilityPayDb, pool: globalForDb.utilityPayPool };
}

export function db(): Db {
  return connect().db;
}

/**
 * The `pg` pool under db(): the hot path (`statement` below) sends its one statement a step through it
 * as a named (prepared) statement; Prisma's adapter draws from the same connections.
 */
export function pool(): pg.Pool {
  return connect().pool;
}

/** Whether Prisma refused a write for a unique constraint (a row with that key exists). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** The transaction client Prisma hands to `$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * One statement of the hot path (a step's PL/pgSQL function, its read): through the caller's
 * transaction when there is one, otherwise through the pool as a named statement (parsed and planned
 * once per connection).
 */
export async function statement<T extends object>(
  tx: Tx | undefined,
  name: string,
  text: string,
  ...values: unknown[]
): Promise<T[]> {
  if (tx) return tx.$queryRawUnsafe<T[]>(text, ...values);
  const { rows } = await pool().query<T>({ name, text, values });
  return rows;
}

/** Tests only: drop the client so the next db() connects to a changed DATABASE_URL. */
export async function resetDbForTests(): Promise<void> {
  await globalForDb.utilityPayDb?.$disconnect();
  const pool = globalForDb.utilityPayPool;
  if (pool && !pool.ended) await pool.end(); // Prisma ends it only if it ever connected
  globalForDb.utilityPayDb = undefined;
  globalForDb.utilityPayPool = undefined;
}

/** Whether the database answers (the health check). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await db().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
