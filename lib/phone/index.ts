import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Locale } from '@/lib/i18n/locales';
import { translate, type Message } from '@/lib/i18n/translate';

export type PhoneParseResult = { ok: true; e164: string } | { ok: false; message: Message };

/** Number types that always may receive texts; PERSONAL_NUMBER and VOIP only when the utility allows them. */
const MOBILE_TYPES = ['MOBILE', 'FIXED_LINE_OR_MOBILE'];

export type MobileNumberRules = {
  /** Extra number types the utility allows (SMS_EXTRA_NUMBER_TYPES). */
  extraTypes?: readonly string[];
  /** Any valid number, whatever its type or network (a staff search for a stored number). */
  anyType?: boolean;
  /** The countries the utility texts (Utility.smsCountries); a number from any other is refused. */
  countries?: readonly string[];
};

/** The country of an E.164 number (ISO 3166 code), or null for one of no country. */
export function countryOfNumber(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/** "We text only mobile numbers in the United States." (or "the United States or Canada"), in any language. */
export function countriesMessage(countries: readonly string[]): Message {
  const said = (locale: Locale) => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    const list = countries.map((c) => names.of(c) ?? c);
    if (list.length === 0) return translate({ key: 'phone.noCountries' }, locale);
    const joined = new Intl.ListFormat(locale, { type: 'disjunction' }).format(list);
    return locale === 'en-US' && joined.startsWith('United') ? `the ${joined}` : joined;
  };
  return { key: 'phone.countries', values: { countries: said } };
}

/**
 * Normalises a typed mobile number to E.164; refuses anything that cannot or should not receive a
 * text: numbers of no country (satellite and international networks, +870/+881/+882), and types
 * other than mobile (premium, personal, VoIP, unknown) unless the utility allows them.
 */
export function parseMobileNumber(
  input: string,
  defaultCountry: string,
  rules: MobileNumberRules = {},
): PhoneParseResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: { key: 'phone.required' } };
  if (trimmed.length > 32 || !/^[+\d\s().-]+$/.test(trimmed)) {
    return { ok: false, message: { key: 'phone.digits' } };
  }
  const phone = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (!phone || !phone.isPossible() || !phone.isValid()) {
    return { ok: false, message: { key: 'phone.invalid' } };
  }
  if (rules.anyType) return { ok: true, e164: phone.number };
  if (!phone.country) {
    return { ok: false, message: { key: 'phone.noCountry' } };
  }
  if (rules.countries && !rules.countries.includes(phone.country))
    return { ok: false, message: countriesMessage(rules.countries) };
  const type = phone.getType();
  if (type === undefined || !(MOBILE_TYPES.includes(type) || rules.extraTypes?.includes(type))) {
    return { ok: false, message: { key: 'phone.notMobile' } };
  }
  return { ok: true, e164: phone.number };
}

/** "+1 ••• ••• 0100": enough for a person to recognise their number, not to dial it. */
export function maskPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  const last4 = e164.slice(-4);
  return phone ? `+${phone.countryCallingCode} ••• ••• ${last4}` : `••• ${last4}`;
}

/** "(201) 555-0199" for numbers in the default country, international format otherwise. */
export function formatPhone(e164: string, defaultCountry = 'US'): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country === defaultCountry ? phone.formatNational() : phone.formatInternational();
}

/** Whether `e164` is in one of the countries the utility texts. */
export function inTextedCountry(e164: string, countries: readonly string[]): boolean {
  const country = countryOfNumber(e164);
  return country !== null && countries.includes(country);
}
