import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneParseResult = { ok: true; e164: string } | { ok: false; message: string };

const TEXTABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER', 'VOIP']);

/** Normalises a typed mobile number to E.164; refuses anything that cannot receive a text. */
export function parseMobileNumber(input: string, defaultCountry: string): PhoneParseResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: 'Enter your mobile number.' };
  if (trimmed.length > 32 || !/^[+\d\s().-]+$/.test(trimmed)) {
    return { ok: false, message: 'Enter a mobile number using digits, like (201) 555-0123 or +1 201 555 0123.' };
  }
  const phone = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (!phone || !phone.isPossible() || !phone.isValid()) {
    return { ok: false, message: 'That is not a mobile number we can text. Check the digits, and add your country code (like +44) if it is not a US number.' };
  }
  const type = phone.getType();
  if (type !== undefined && !TEXTABLE.has(type)) {
    return { ok: false, message: 'That number cannot receive texts. Enter a mobile number.' };
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
