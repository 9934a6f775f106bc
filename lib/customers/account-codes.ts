import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import { smsTemplatesFor, type SmsTemplates } from '@/lib/sms/templates';
import { languageOfNumber } from './language';
import { AppError } from '@/lib/errors';
import { createChallenge, type CreateChallengeOptions, type CreatedChallenge } from '@/lib/otp/create-challenge';
import { countriesMessage, inTextedCountry, parseMobileNumber } from '@/lib/phone';
import { checkLineType } from '@/lib/sms/line-type';
import { requireUtility, type UtilityProfile } from '@/lib/utility';

/**
 * What every code text checks before anything is created (SMS pumping): the number is in a country
 * the utility texts, and (when lookups are on) a line that can take texts.
 */
export async function checkTextable(phoneE164: string, field = 'phone'): Promise<UtilityProfile> {
  const utility = await requireUtility();
  if (!inTextedCountry(phoneE164, utility.smsCountries))
    throw new AppError('country_not_texted', countriesMessage(utility.smsCountries), field);
  await checkLineType(phoneE164);
  return utility;
}

/**
 * A typed mobile number as E.164, or the field's error: a number we cannot text (not mobile, not a
 * country the utility texts) is refused before anything is created.
 */
export async function textableNumber(phoneText: string, field = 'phone'): Promise<string> {
  const phone = parseMobileNumber(phoneText, env().DEFAULT_COUNTRY, {
    extraTypes: env().SMS_EXTRA_NUMBER_TYPES,
    countries: (await requireUtility()).smsCountries,
  });
  if (!phone.ok) throw new AppError('bad_phone', phone.message, field);
  return phone.e164;
}

/** The site's host, for the origin-bound last line of a code text. */
export function smsHost(): string {
  return new URL(env().PUBLIC_ORIGIN).hostname;
}

/**
 * A code for something done to an online account (link an account with a number on file, change
 * the number, close the account): the same checks, limits and binding as every other code.
 */
export async function sendAccountCode(
  options: Pick<CreateChallengeOptions, 'purpose' | 'phoneE164' | 'clientIp' | 'failureBudget' | 'onCreated'> & {
    text: (code: string, utility: UtilityProfile, host: string, sms: SmsTemplates) => string;
    /** The language of the page that asked: the text is in the number's customer's language, else in it. */
    language?: Locale;
  },
): Promise<CreatedChallenge> {
  const utility = await checkTextable(options.phoneE164);
  const host = smsHost();
  const sms = smsTemplatesFor(await languageOfNumber(db(), options.phoneE164, options.language));
  return createChallenge({
    purpose: options.purpose,
    phoneE164: options.phoneE164,
    clientIp: options.clientIp,
    failureBudget: options.failureBudget,
    onCreated: options.onCreated,
    message: (code) => ({ kind: 'OTP_ACCOUNT', text: options.text(code, utility, host, sms) }),
  });
}
