import 'server-only';
import { run, type Runner } from 'graphile-worker';
import { limitJobs } from '@/lib/limits/jobs';
import { guestJobs } from '@/lib/guest/jobs';
import { paymentJobs } from '@/lib/payments/jobs';
import { smsJobs } from '@/lib/sms/jobs';
import { migrateJobQueue, quietLogger } from './queue';
import type { DomainJobs } from './types';

/** Every domain's background work. A new domain job is registered here, and written in its domain. */
export const DOMAIN_JOBS: readonly DomainJobs[] = [smsJobs, paymentJobs, limitJobs, guestJobs];

/**
 * The app's job runner (graphile-worker on the app's PostgreSQL): inside the app process by default
 * (instrumentation.ts), or on its own with `npm run worker`. Any number of runners share the queue;
 * graphile-worker locks each job, so none runs twice. New jobs are picked up by LISTEN/NOTIFY within
 * milliseconds; the poll (every `pollIntervalMs`) only finds jobs whose notification was missed and
 * jobs whose time has come.
 */
export async function startJobRunner(
  connectionString: string,
  concurrency = 4,
  stuckAfterSeconds = 120,
  pollIntervalMs = 2000,
): Promise<Runner> {
  await migrateJobQueue(connectionString);
  const stops = DOMAIN_JOBS.flatMap((d) => (d.start ? [d.start({ connectionString, stuckAfterSeconds })] : []));
  const runner = await run({
    connectionString,
    concurrency,
    noHandleSignals: true,
    pollInterval: pollIntervalMs,
    logger: quietLogger(),
    taskList: Object.assign({}, ...DOMAIN_JOBS.map((d) => d.tasks)),
    crontab: DOMAIN_JOBS.flatMap((d) => d.crontab ?? []).join('\n'),
  });
  void runner.promise.finally(() => stops.forEach((stop) => stop()));
  return runner;
}
