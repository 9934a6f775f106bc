// One fresh, migrated database for the whole test run: on the server at DATABASE_URL when it is
// set (CI: PostgreSQL 15 on 127.0.0.1:5432), otherwise on an embedded PostgreSQL 18 in
// .data/test-postgres (DATA_DIR, TEST_EMBEDDED_PG_PORT and TEST_DATABASE_NAME move them).
// Test files share it, so each test makes its own data (unique phones, keys).
import type { TestProject } from 'vitest/node';
import { migrateDeploy } from '@/lib/db/migrate';
import { migrateJobQueue } from '@/lib/jobs/queue';
import { databaseServer, recreateDatabase, setDatabaseTimeZone, TEST_DATABASE_TIME_ZONE } from './database';

export default async function setup(project: TestProject) {
  const { serverUrl, stop } = await databaseServer('test-postgres', Number(process.env.TEST_EMBEDDED_PG_PORT ?? 25433));
  const url = await recreateDatabase(serverUrl, process.env.TEST_DATABASE_NAME ?? 'utilitypay_test');
  await setDatabaseTimeZone(url, TEST_DATABASE_TIME_ZONE);
  await migrateDeploy(url);
  await migrateJobQueue(url);
  project.provide('databaseUrl', url);
  project.provide('serverUrl', serverUrl);
  return stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
  }
}
