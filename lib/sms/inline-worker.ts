import 'server-only';
import { env } from '@/lib/env';
import { startSmsWorker } from './worker';

/** The worker inside the web process (instrumentation.ts), unless SMS_WORKER=off. */
export async function startInlineWorker(): Promise<void> {
  const config = env();
  if (config.SMS_WORKER !== 'inline') return;
  const runner = await startSmsWorker(config.DATABASE_URL, config.SMS_WORKER_CONCURRENCY, config.SMS_STUCK_AFTER_SECONDS);
  const stop = () => void runner.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
