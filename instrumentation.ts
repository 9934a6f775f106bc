// Starts the job runner (text delivery, payment expiry, pruning) inside the app process (SMS_WORKER=inline, the default), so one command
// runs everything. With SMS_WORKER=off, run `npm run worker` separately.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startInlineRunner } = await import('./lib/jobs/inline-runner');
    await startInlineRunner();
  }
}
