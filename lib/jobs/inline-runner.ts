import 'server-only';
import { env } from '@/lib/env';
import { startJobRunner } from './runner';

/** The job runner inside the web process (instrumentation.ts), unless SMS_WORKER=off. */
export async function startInlineRunner(): Promise<void> {
  const config = env();
  if (config.SMS_WORKER !== 'inline') return;
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
