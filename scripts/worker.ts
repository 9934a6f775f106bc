// `npm run worker`: the job runner (text delivery, payment expiry, pruning) as its own process, for
// deployments that scale it apart from the web instances (set SMS_WORKER=off on those). Any number
// of runners may run.
import { env } from '@/lib/env';
import { startJobRunner } from '@/lib/jobs/runner';

const runner = await startJobRunner(env().DATABASE_URL, env().SMS_WORKER_CONCURRENCY, env().SMS_STUCK_AFTER_SECONDS);
console.log('[jobs] running (text delivery, payment expiry, pruning); Ctrl-C to stop.');
const stop = async () => {
  await runner.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
await runner.promise;
