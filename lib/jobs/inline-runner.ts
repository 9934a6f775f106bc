import 'server-only';
import { env } from '@/lib/env';

/**
 * The job runner inside the web process (instrumentation.ts) when SMS_WORKER=inline (the default
 * outside production). Off (production's default), it says where the jobs run instead.
 */
export async function startInlineRunner(): Promise<void> {
  const config = env();
  if (config.SMS_WORKER !== 'inline') {
    console.log('[jobs] not run in this process (SMS_WORKER=off): texts go out through `npm run worker` processes.');
    return;
  }
  // Loaded only here: a web process whose jobs run elsewhere never loads the job runner and every
  // domain's jobs (graphile-worker, the SMS transports, the processors' SDKs).
  const { startJobRunner } = await import('./runner');
  const runner = await startJobRunner(
    config.DATABASE_URL,
    config.SMS_WORKER_CONCURRENCY,
    config.SMS_STUCK_AFTER_SECONDS,
  );
  // Ctrl-C sends SIGINT to this process and npm start then sends SIGTERM: stop once.
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= runner.stop();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
