import 'server-only';
import { cache } from 'react';
import { db } from '@/lib/db';

export type UtilityProfile = {
  id: string;
  name: string;
  shortName: string;
  supportPhone: string;
  timeZone: string;
  currency: string;
};

/** The utility this deployment serves (one per deployment). Cached per request. */
export const getUtility = cache(async (): Promise<UtilityProfile | null> => {
  return db().utility.findFirst({
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, shortName: true, supportPhone: true, timeZone: true, currency: true },
  });
});
