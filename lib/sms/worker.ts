import 'server-only';
import { makeWorkerUtils, run, type Runner, type Task } from 'graphile-worker';
import { db } from '@/lib/db';
import { clock } from '@/lib/clock';
import { pruneRateLimitHits } from '@/lib/limits';
import { OTP_POLICY } from '@/lib/otp/policy';
import { expireStalePayments } from '@/lib/payments/expire-payments';
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

const expirePayments: Task = async () => {
  await expireStalePayments(clock.now());
};

/**
 * graphile-worker frees a dead worker's jobs only after 4 hours. A hand-off takes seconds (the
 * transports time out after 10 s), so a send_sms job locked for longer than `stuckAfterSeconds` was
 * left by a killed worker: unlock it so the message goes out now. Should the worker still be alive
 * after all, deliverMessage's claim sees the message SENDING and treats it as an uncertain hand-off.
 */
export async function rescueStuckMessages(connectionString: string, stuckAfterSeconds: number): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString, logger: quietLogger() });
  try {
    const ids = await utils.withPgClient(async (client) => {
      const { rows } = await client.query<{ locked_by: string }>(
        `SELECT DISTINCT locked_by FROM graphile_worker.jobs
          WHERE task_identifier = $1 AND locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $2)`,
        [SEND_SMS_TASK, stuckAfterSeconds],
      );
      return rows.map((r) => r.locked_by);
    });
    if (ids.length > 0) await utils.forceUnlockWorkers(ids);
    return ids.length;
  } finally {
    await utils.release();
  }
}

/**
 * The SMS worker: inside the app process by default (instrumentation.ts), or on its own with
 * `npm run worker`. Any number of workers share the queue; graphile-worker locks each job, so no
 * message is handed off twice. New jobs are picked up by LISTEN/NOTIFY within milliseconds.
 */
export async function startSmsWorker(connectionString: string, concurrency = 4, stuckAfterSeconds = 120): Promise<Runner> {
  await migrateJobQueue(connectionString);
  await rescueStuckMessages(connectionString, stuckAfterSeconds);
  const runner = await run({
    connectionString,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: quietLogger(),
    taskList: { [SEND_SMS_TASK]: sendSms, prune_rate_limits: pruneRateLimits, expire_payments: expirePayments },
    crontab: ['17 * * * * prune_rate_limits', '* * * * * expire_payments'].join('\n'),
  });
  const rescue = setInterval(
    () => void rescueStuckMessages(connectionString, stuckAfterSeconds).catch((error) => console.error('[sms-worker] rescue failed:', error)),
    Math.min(stuckAfterSeconds, 60) * 1000,
  );
  rescue.unref();
  void runner.promise.finally(() => clearInterval(rescue));
  return runner;
}
