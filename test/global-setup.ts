// One fresh, migrated database for the whole test run: on the server at DATABASE_URL when it is
// set (CI: PostgreSQL 15 on 127.0.0.1:5432), otherwise on an embedded PostgreSQL 18 in
// .data/test-postgres. Test files share it, so each test makes its own data (unique phones, keys).
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded-postgres';
import { migrateDeploy } from '@/lib/db/migrate';
import { migrateJobQueue } from '@/lib/sms/job-queue';
import { recreateDatabase } from './database';

let embedded: EmbeddedDatabase | undefined;

export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dir: path.resolve('.data/test-postgres'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 25433),
    });
    serverUrl = embedded.url;
  }
  const url = await recreateDatabase(serverUrl, 'utilitypay_test');
  await migrateDeploy(url);
  await migrateJobQueue(url);
  project.provide('databaseUrl', url);
  project.provide('serverUrl', serverUrl);
  return async () => {
    await embedded?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
  }
}
