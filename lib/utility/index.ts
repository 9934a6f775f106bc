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
  /** Countries whose mobile numbers may get texts (ISO 3166). */
  smsCountries: string[];
};

/**
 * The utility this deployment serves (one per deployment), or null before one is configured (an
 * empty database). Cached per request. Pages and domain code that cannot work without it use
 * requireUtility.
 */
export const getUtility = cache(async (): Promise<UtilityProfile | null> => {
  return db().utility.findFirst({
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      name: true,
      shortName: true,
      supportPhone: true,
      timeZone: true,
      currency: true,
      smsCountries: true,
    },
  });
});

/** The utility, which every page and rule past the home page needs: a database with none is a setup error. */
export async function requireUtility(): Promise<UtilityProfile> {
  const utility = await getUtility();
  if (!utility)
    throw new Error(
      'No utility is configured: load one (npm run db:seed in development, or the utility import) before serving customers.',
    );
  return utility;
}
