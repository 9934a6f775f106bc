import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/generated/prisma/client';

export type Db = PrismaClient;

/**
 * Under a burst, a transaction waits for a free connection of the pool (and runs while the CPU is
 * busy) far longer than Prisma's defaults (2 s to start, 5 s to finish) allow: the load test saw
 * requests fail with P2028 at 200 concurrent customers. Waiting is what the customer wants, and OTP
 * transactions, which queue behind one another per phone, need the room too.
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 20_000 };

/**
 * Every session speaks UTC. @prisma/adapter-pg sends a Date as a wall time with no offset, which
 * PostgreSQL reads in the session's time zone (prisma/orm#28629): on a server whose zone is not
 * UTC, every instant would be stored off by that zone's offset. SQL that needs the utility's day
 * names its zone (`AT TIME ZONE`), never the session's.
 */
export const SESSION_OPTIONS = '-c TimeZone=UTC';

/** A `pg` pool whose sessions speak UTC. */
export function createPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString, max, options: SESSION_OPTIONS });
}

/**
 * Prisma over `pool` (a new one when none is given). Prisma ends the pool on `$disconnect`: the
 * process's one pool lives and dies with its client.
 */
export function createDb(connectionString: string, max = 10, pool = createPool(connectionString, max)): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: TRANSACTION_OPTIONS,
  });
}
