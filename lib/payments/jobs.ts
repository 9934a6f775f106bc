import 'server-only';
import { clock } from '@/lib/clock';
import type { DomainJobs } from '@/lib/jobs/types';
import { expireStalePayments } from './expire-payments';

/** Payments nobody finished become EXPIRED, every minute. */
export const paymentJobs: DomainJobs = {
  tasks: { expire_payments: async () => void (await expireStalePayments(clock.now())) },
  crontab: ['* * * * * expire_payments'],
};
