import { z } from 'zod';
import { translate, type MessageKey } from '@/lib/i18n/translate';
import { MAX_AMOUNT_CENTS, parseAmountToCents } from '@/lib/money';

/**
 * A customer-facing message, written as its catalogue key: server actions put it in the page's
 * language (lib/actions). Staff-only schemas keep plain English text.
 */
const m = (key: MessageKey) => key;

// Shared by forms and server actions; imports nothing server-side.

/**
 * Typed text never holds control characters (C0 and C1, so NUL, which PostgreSQL cannot store, and
 * U+0085), line or paragraph separators (U+2028, U+2029), or invisible format characters such as
 * the bidi overrides (U+202E makes "Smith" read "htimS" to staff and in the CSV). Allowed among
 * the format characters: the zero-width joiner and non-joiner, which Persian and Indic names need.
 */
export const NO_CONTROL_CHARACTERS = /^(?:[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\u200C\u200D])*$/u;
/** In English, for staff's forms and reports; customers' schemas use the catalogue's key. */
export const CONTROL_CHARACTERS_MESSAGE = translate({ key: 'validation.controlCharacters' });
const CONTROL_CHARACTERS = m('validation.controlCharacters');

/** Names are stored composed (NFC): "José" typed either way is one name, compared and shown alike. */
export const NameSchema = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, m('validation.nameRequired'))
  .max(100, m('validation.nameTooLong'))
  .regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS);
export const PhoneInputSchema = z
  .string()
  .trim()
  .min(1, m('validation.phoneRequired'))
  .max(32, m('validation.phoneTooLong'));
/** Staff's number on file for an account: blank clears it. */
export const PhoneOnFileSchema = z.string().trim().max(32, 'That is too long for a phone number.');
export const CodeSchema = z
  .string()
  .transform((v) => v.replace(/\D/g, ''))
  .pipe(z.string().length(6, m('validation.code')));

export const RegisterSchema = z.object({ name: NameSchema, phone: PhoneInputSchema });
/** Where to go after signing in (checked against the site's origin where it is used). */
const NextSchema = z.string().max(2000).optional();
export const SignInSchema = z.object({ phone: PhoneInputSchema, next: NextSchema });
/** A code page's form. A challenge id that is not one is a stale page (OtpError.pageExpired, where it is used). */
export const VerifyCodeSchema = z.object({ challengeId: z.string().max(100), code: CodeSchema, next: NextSchema });
export const ResendCodeSchema = z.object({ challengeId: z.string().max(100), next: NextSchema });

export const LinkAccountSchema = z.object({
  accountNumber: z
    .string()
    .trim()
    .min(1, m('validation.accountNumberRequired'))
    .max(32, m('validation.accountNumberTooLong'))
    .regex(/^[\d\s-]+$/, m('validation.accountNumberDigits')),
  secondFact: z
    .string()
    .trim()
    .min(1, m('validation.secondFactRequired'))
    .max(64, m('validation.tooLong'))
    .regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS),
});

/**
 * An amount as typed ("42", "$1,042.50") to minor units, exactly, at most MAX_AMOUNT_CENTS: the one
 * rule for every amount (payment forms, staff filters, the bill import), with the message its
 * place needs.
 */
export function amountInCents(message: string) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      const cents = parseAmountToCents(text);
      if (cents === null || cents > MAX_AMOUNT_CENTS) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return cents;
    });
}

export const AmountSchema = z
  .string()
  .trim()
  .min(1, m('validation.amountRequired'))
  .max(20, m('validation.amountTooLong'))
  .pipe(amountInCents(m('validation.amount')));

const flatFee = amountInCents('Enter a fee in dollars and cents, like 1.50 (0 for none).').pipe(
  z.number().max(10_000, 'A flat fee is at most $100.00.'),
);
const percentFee = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,2})?$/, 'Enter a percentage like 2.5 (0 for none).')
  .transform((v) => Math.round(Number(v) * 100))
  .pipe(z.number().max(1_000, 'A percentage fee is at most 10%.'));

/** An ADMIN's convenience fees: per method type, a flat amount and a percentage (basis points stored). */
export const FeeScheduleSchema = z.object({
  cardFeeFlatCents: flatFee,
  cardFeeBps: percentFee,
  bankFeeFlatCents: flatFee,
  bankFeeBps: percentFee,
});

/** An ADMIN's list of countries whose numbers get texts: ISO codes like "US, CA", at least one. */
export const SmsCountriesSchema = z.object({
  countries: z
    .string()
    .trim()
    .max(200, 'That is too long.')
    .transform((v) =>
      v
        .toUpperCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^[A-Z]{2}$/, 'Use two-letter country codes, like US or CA.'))
        .min(1, 'Name at least one country.')
        .max(20, 'Name at most 20 countries.'),
    ),
});

/** Why a staff member did something, for the audit log. */
export const ReasonSchema = z
  .string()
  .trim()
  .min(3, 'Say why, for the audit log (at least 3 characters).')
  .max(200, 'Use at most 200 characters.')
  .regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_MESSAGE);

/** An ADMIN's refund form: how much, why (kept in the audit log), one refund per form. */
export const RefundSchema = z.object({
  amount: AmountSchema,
  reason: ReasonSchema,
  idempotencyKey: z.string().uuid('This form has expired. Reload the page and try again.'),
});

/**
 * The pay form: the amount, and how to pay: a saved method's id, or "card" / "bank" with the
 * sandbox's test-number fields, or "token" with what the processor's own form made in the browser.
 * Card and account numbers are checked by the processor (lib/processor), never stored.
 */
export const PaySchema = z
  .object({
    amount: AmountSchema,
    idempotencyKey: z.string().uuid(m('validation.formExpired')),
    method: z.string().max(100).optional().default(''),
    cardNumber: z.string().max(40).optional().default(''),
    expiry: z.string().max(10).optional().default(''),
    cvc: z.string().max(8).optional().default(''),
    routingNumber: z.string().max(20).optional().default(''),
    accountNumber: z.string().max(30).optional().default(''),
    token: z.string().max(200).optional().default(''),
    mandate: z.string().max(10).optional(),
    save: z.string().max(10).optional(),
  })
  .superRefine((form, ctx) => {
    if (!form.method) ctx.addIssue({ code: 'custom', path: ['method'], message: m('validation.chooseMethod') });
    if (form.method === 'bank' && !form.mandate)
      ctx.addIssue({
        code: 'custom',
        path: ['mandate'],
        message: m('validation.mandate'),
      });
  });

export type RegisterInput = z.infer<typeof RegisterSchema>;
export type LinkAccountInput = z.infer<typeof LinkAccountSchema>;

/** Field errors, one list per field, from a failed parse. */
export function fieldErrorsOf(error: z.ZodError): Partial<Record<string, string[]>> {
  return z.flattenError(error).fieldErrors as Partial<Record<string, string[]>>;
}
