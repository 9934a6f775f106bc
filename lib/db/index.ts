import 'server-only';
import { env } from '@/lib/env';
import { createDb, type Db } from './client';

export type { Db } from './client';
export { Prisma } from '@/generated/prisma/client';

// One client per process, kept on globalThis so dev-server reloads do not open new pools.
const globalForDb = globalThis as unknown as { utilityPayDb?: Db };

export function db(): Db {
  globalForDb.utilityPayDb ??= createDb(env().DATABASE_URL, env().DATABASE_POOL_SIZE);
  return globalForDb.utilityPayDb;
}

/** The transaction client Prisma hands to `$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Tests only: drop the client so the next db() connects to a changed DATABASE_URL. */
export async function resetDbForTests(): Promise<void> {
  await globalForDb.utilityPayDb?.$disconnect();
  globalForDb.utilityPayDb = undefined;
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
