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
 * How long a process keeps the profile between reads: every code text needs it, and it changes only
 * when an ADMIN edits the texted countries (this process forgets it at once; other instances within
 * this long).
 */
export const UTILITY_PROFILE_TTL_MS = 5_000;

let kept: { profile: UtilityProfile; at: number } | undefined;

/** Drops the kept profile (after a change to it, or a test's switch of database). */
export function forgetUtility(): void {
  kept = undefined;
}

/**
 * The utility this deployment serves (one per deployment), or null before one is configured (an
 * empty database). Kept for UTILITY_PROFILE_TTL_MS, and per request. Pages and domain code that
 * cannot work without it use requireUtility.
 */
export const getUtility = cache(async (): Promise<UtilityProfile | null> => {
  if (kept && Date.now() - kept.at < UTILITY_PROFILE_TTL_MS) return kept.profile;
  const profile = await readUtility();
  if (profile) kept = { profile, at: Date.now() };
  return profile;
});

function readUtility(): Promise<UtilityProfile | null> {
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
}

/** The utility, which every page and rule past the home page needs: a database with none is a setup error. */
export async function requireUtility(): Promise<UtilityProfile> {
  const utility = await getUtility();
  if (!utility)
    throw new Error(
      'No utility is configured: load one (npm run db:seed in development, or the utility import) before serving customers.',
    );
  return utility;
}
