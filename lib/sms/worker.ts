import 'server-only';
import { run, type Runner, type Task } from 'graphile-worker';
import { db } from '@/lib/db';
import { clock } from '@/lib/clock';
import { pruneRateLimitHits } from '@/lib/otp/rate-limit';
import { OTP_POLICY } from '@/lib/otp/policy';
import { deliverMessage } from './deliver';
import { migrateJobQueue, quietLogger } from './job-queue';
import { SEND_SMS_TASK } from './queue';

const sendSms: Task = async (payload, helpers) => {
  const { messageId } = payload as { messageId: string };
  // Throws to ask for a retry; graphile-worker backs off exponentially up to max_attempts.
  await deliverMessage(messageId, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
};

const pruneRateLimits: Task = async () => {
  const longest = OTP_POLICY.failureBudget.windowMs;
  await db().$transaction((tx) => pruneRateLimitHits(tx, new Date(clock.now().getTime() - longest - 3600_000)));
};

/**
 * The SMS worker: inside the app process by default (instrumentation.ts), or on its own with
 * `npm run worker`. Any number of workers share the queue; graphile-worker locks each job, so no
 * message is handed off twice. New jobs are picked up by LISTEN/NOTIFY within milliseconds.
 */
export async function startSmsWorker(connectionString: string, concurrency = 4): Promise<Runner> {
  await migrateJobQueue(connectionString);
  return run({
    connectionString,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: quietLogger(),
    taskList: { [SEND_SMS_TASK]: sendSms, prune_rate_limits: pruneRateLimits },
    crontab: '17 * * * * prune_rate_limits',
  });
}
