import 'server-only';
import { getCountries } from 'libphonenumber-js/max';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { forgetUtility } from '@/lib/utility';

/**
 * An ADMIN sets the countries whose mobile numbers may get texts (default: the utility's own). A
 * number from anywhere else is refused before any text is made: the first defence against SMS
 * pumping to premium foreign ranges.
 */
export async function setSmsCountries(
  staffId: string,
  utilityId: string,
  countries: string[],
  clientIp: string | null,
): Promise<void> {
  const known = new Set<string>(getCountries());
  const unknown = countries.filter((c) => !known.has(c));
  if (unknown.length > 0)
    throw new AppError('unknown_country', `Not a country with phone numbers: ${unknown.join(', ')}.`, 'countries');
  const unique = [...new Set(countries)];
  await db().$transaction(async (tx) => {
    const before = await tx.utility.findUniqueOrThrow({ where: { id: utilityId }, select: { smsCountries: true } });
    await tx.utility.update({ where: { id: utilityId }, data: { smsCountries: unique } });
    await audit(
      {
        actorType: 'STAFF',
        actorId: staffId,
        action: 'staff.changed_sms_countries',
        subjectType: 'utility',
        subjectId: utilityId,
        clientIp,
        details: { before: before.smsCountries, after: unique },
      },
      tx,
    );
  });
  forgetUtility();
}
