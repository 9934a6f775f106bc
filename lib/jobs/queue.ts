import { Logger, runMigrations } from 'graphile-worker';

/** Creates or upgrades graphile-worker's own schema (graphile_worker.*); idempotent and quick. */
export async function migrateJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger() });
}

/** graphile-worker's logs at warning and above only. */
export function quietLogger(): Logger {
  return new Logger(() => (level, message) => {
    if (level === 'error' || level === 'warning') console.error(`[jobs] ${message}`);
  });
}
