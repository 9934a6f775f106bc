// Starts the job runner (text delivery, payment expiry, pruning) inside the app process when SMS_WORKER=inline (the default outside
// production), so `npm start` runs everything. In production it defaults to off: run `npm run worker` processes beside the app.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startInlineRunner } = await import('./lib/jobs/inline-runner');
    await startInlineRunner();
  }
}
