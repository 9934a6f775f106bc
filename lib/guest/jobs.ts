import 'server-only';
import type { DomainJobs } from '@/lib/jobs/types';
import { pruneGuestPasses } from './guest-pass';

/** Expired one-time payers' passes are removed hourly. */
export const guestJobs: DomainJobs = {
  tasks: {
    prune_guest_passes: async () => {
      await pruneGuestPasses();
    },
  },
  crontab: ['23 * * * * prune_guest_passes'],
};
