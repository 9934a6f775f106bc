import 'server-only';
import { makeWorkerUtils, type Task } from 'graphile-worker';
import type { DomainJobs } from '@/lib/jobs/types';
import { quietLogger } from '@/lib/jobs/queue';
import { deliverMessage } from './deliver';
import { SEND_SMS_TASK } from './queue';

const sendSms: Task = async (payload, helpers) => {
  const { messageId } = payload as { messageId: string };
  // Throws to ask for a retry; graphile-worker backs off exponentially up to max_attempts.
  await deliverMessage(messageId, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
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

/** Text delivery: each queued message handed to the transport, and stuck hand-offs rescued. */
export const smsJobs: DomainJobs = {
  tasks: { [SEND_SMS_TASK]: sendSms },
  start: ({ connectionString, stuckAfterSeconds }) => {
    const rescue = () =>
      void rescueStuckMessages(connectionString, stuckAfterSeconds).catch((error) =>
        console.error('[jobs] rescue failed:', error),
      );
    rescue();
    const timer = setInterval(rescue, Math.min(stuckAfterSeconds, 60) * 1000);
    timer.unref();
    return () => clearInterval(timer);
  },
};
