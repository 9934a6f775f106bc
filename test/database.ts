import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';

/** Where tests, e2e, bench and load keep their embedded PostgreSQL folders: DATA_DIR or `.data`. */
export function testDataDir(folder: string): string {
  return path.resolve(process.env.DATA_DIR ?? '.data', folder);
}

/**
 * The PostgreSQL server tests, e2e and bench run on: DATABASE_URL's when it is set, otherwise an
 * embedded PostgreSQL 18 in `testDataDir(folder)` on `port`.
 */
export async function databaseServer(
  folder: string,
  port: number,
): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { serverUrl: process.env.DATABASE_URL, stop: async () => {} };
  const embedded = await startEmbeddedPostgres({ dir: testDataDir(folder), port });
  return { serverUrl: embedded.url, stop: embedded.stop };
}

/** A URL like `base` pointing at another database on the same server. */
export function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function recreateDatabase(base: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(base, name);
}

export async function dropDatabase(base: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Points this test file at a database of its own (fresh, migrated, with the job queue's schema):
 * for tests that run an SMS worker, which would otherwise deliver other files' messages.
 */
export async function useOwnDatabase(name: string): Promise<string> {
  const { inject } = await import('vitest');
  const { migrateDeploy } = await import('@/lib/db/migrate');
  const { migrateJobQueue } = await import('@/lib/jobs/queue');
  const { resetEnvForTests } = await import('@/lib/env');
  const { resetDbForTests } = await import('@/lib/db');
  const { forgetUtility } = await import('@/lib/utility');
  const url = await recreateDatabase(inject('serverUrl'), `${name}_${process.pid}`);
  await setDatabaseTimeZone(url, TEST_DATABASE_TIME_ZONE);
  await migrateDeploy(url);
  await migrateJobQueue(url);
  process.env.DATABASE_URL = url;
  resetEnvForTests();
  await resetDbForTests();
  forgetUtility(); // the new database's utility, not the last one's
  return url;
}

/**
 * Test databases start their sessions in a zone that is neither UTC nor a test utility's, so SQL
 * that depends on the session's time zone fails in the tests, not at some hour in production.
 */
export const TEST_DATABASE_TIME_ZONE = 'Asia/Kolkata';

/** Every new session on database `url` starts in `timeZone`. */
export async function setDatabaseTimeZone(url: string, timeZone: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET timezone TO '${timeZone}'`);
  } finally {
    await client.end();
  }
}
