'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/actions';
import { setFeeSchedule } from '@/lib/payments/fees';
import { requireUtility } from '@/lib/utility';
import { FeeScheduleSchema, SmsCountriesSchema } from '@/lib/validation/schemas';
import { setSmsCountries } from '@/lib/sms/countries';

export const setFeesAction = formAction({
  who: { staff: 'ADMIN' },
  schema: FeeScheduleSchema,
  run: async (schedule, { caller, clientIp }) => {
    await setFeeSchedule(caller.staffId, (await requireUtility()).id, schedule, clientIp);
    revalidatePath('/staff/settings');
    return { status: 'success' as const, message: 'Fees saved. Payments started from now on carry them.' };
  },
});

export const setSmsCountriesAction = formAction({
  who: { staff: 'ADMIN' },
  schema: SmsCountriesSchema,
  run: async ({ countries }, { caller, clientIp }) => {
    await setSmsCountries(caller.staffId, (await requireUtility()).id, countries, clientIp);
    revalidatePath('/staff/settings');
    return { status: 'success' as const, message: `Texts go only to numbers in: ${countries.join(', ')}.` };
  },
});
