import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneParseResult = { ok: true; e164: string } | { ok: false; message: string };

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

/** "We text only numbers in the United States." (or "in the United States or Canada") */
export function countriesMessage(countries: readonly string[]): string {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const list = countries.map((c) => names.of(c) ?? c);
  const said = list.length <= 1 ? (list[0] ?? 'no country') : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
  return `We text only mobile numbers in ${said.startsWith('United') ? 'the ' : ''}${said}. Enter one of those, or call us to pay another way.`;
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
  if (!trimmed) return { ok: false, message: 'Enter your mobile number.' };
  if (trimmed.length > 32 || !/^[+\d\s().-]+$/.test(trimmed)) {
    return { ok: false, message: 'Enter a mobile number using digits, like (201) 555-0123 or +1 201 555 0123.' };
  }
  const phone = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (!phone || !phone.isPossible() || !phone.isValid()) {
    return {
      ok: false,
      message:
        'That is not a mobile number we can text. Check the digits, and add your country code (like +44) if it is not a US number.',
    };
  }
  if (rules.anyType) return { ok: true, e164: phone.number };
  if (!phone.country) {
    return {
      ok: false,
      message: 'We cannot text satellite or international network numbers. Enter a mobile number from your country.',
    };
  }
  if (rules.countries && !rules.countries.includes(phone.country))
    return { ok: false, message: countriesMessage(rules.countries) };
  const type = phone.getType();
  if (type === undefined || !(MOBILE_TYPES.includes(type) || rules.extraTypes?.includes(type))) {
    return { ok: false, message: 'That number cannot receive our texts. Enter a mobile number.' };
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
