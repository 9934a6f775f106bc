/** Largest amount a single payment or bill may carry: 999,999.99 in minor units. */
export const MAX_AMOUNT_CENTS = 99_999_999;

/**
 * Parses what a person typed ("42", "42.5", "$1,042.50") into minor units, exactly, without floats.
 * Returns null for anything that is not a plain non-negative amount with at most two decimals.
 */
export function parseAmountToCents(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^\$\s*/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(cleaned) ?? /^()\.(\d{1,2})$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ? Number(match[1]) : 0;
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const cents = whole * 100 + fraction;
  return Number.isSafeInteger(cents) ? cents : null;
}

/** "1042.50" — the plain decimal string used in CSV exports and form defaults. */
export function centsToDecimalString(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "$1,042.50" in the utility's currency. */
export function formatMoney(cents: number, currency = 'USD', locale = 'en-US'): string {
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  // Intl takes a number; cents / 100 is exact for display at this magnitude, never stored.
  return formatter.format(cents / 100);
}
