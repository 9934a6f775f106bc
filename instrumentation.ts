// Starts the SMS worker inside the app process (SMS_WORKER=inline, the default), so one command
// runs everything. With SMS_WORKER=off, run `npm run worker` separately.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('@/lib/env');
  if (env().SMS_WORKER !== 'inline') return;
  const { startSmsWorker } = await import('@/lib/sms/worker');
  const runner = await startSmsWorker(env().DATABASE_URL, env().SMS_WORKER_CONCURRENCY, env().SMS_STUCK_AFTER_SECONDS);
  const stop = () => void runner.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
