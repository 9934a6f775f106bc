import 'server-only';
import { clock } from '@/lib/clock';
import { db } from '@/lib/db';
import type { DomainJobs } from '@/lib/jobs/types';
import { OTP_POLICY } from '@/lib/otp/policy';
import { pruneRateLimitHits } from './index';

/** Hits older than every window are dead weight: pruned hourly. */
export const limitJobs: DomainJobs = {
  tasks: {
    prune_rate_limits: async () => {
      const longest = Math.max(OTP_POLICY.failureBudget.windowMs, OTP_POLICY.failuresPerClient.windowMs, 24 * 3600_000);
      await db().$transaction((tx) => pruneRateLimitHits(tx, new Date(clock.now().getTime() - longest - 3600_000)));
    },
  },
  crontab: ['17 * * * * prune_rate_limits'],
};
