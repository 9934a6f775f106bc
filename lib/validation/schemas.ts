import { z } from 'zod';

// Shared by forms and server actions; imports nothing server-side.

/**
 * Typed text never holds control characters (C0 and C1, so NUL, which PostgreSQL cannot store, and
 * U+0085), line or paragraph separators (U+2028, U+2029), or invisible format characters such as
 * the bidi overrides (U+202E makes "Smith" read "htimS" to staff and in the CSV). Allowed among
 * the format characters: the zero-width joiner and non-joiner, which Persian and Indic names need.
 */
export const NO_CONTROL_CHARACTERS = /^(?:[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\u200C\u200D])*$/u;
export const CONTROL_CHARACTERS_MESSAGE = 'Remove the special characters (such as tabs, line breaks or invisible formatting marks).';

/** Names are stored composed (NFC): "José" typed either way is one name, compared and shown alike. */
export const NameSchema = z.string().trim().normalize('NFC').min(1, 'Enter your name.').max(100, 'Use at most 100 characters.').regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_MESSAGE);
export const PhoneInputSchema = z.string().trim().min(1, 'Enter your mobile number.').max(32, 'That is too long for a phone number.');
export const CodeSchema = z
  .string()
  .transform((v) => v.replace(/\D/g, ''))
  .pipe(z.string().length(6, 'Enter the 6-digit code from the text.'));

export const RegisterSchema = z.object({ name: NameSchema, phone: PhoneInputSchema });
export const SignInSchema = z.object({ phone: PhoneInputSchema });
export const VerifyCodeSchema = z.object({ challengeId: z.string().uuid('That code page has expired. Ask for a new code.'), code: CodeSchema });

export const LinkAccountSchema = z.object({
  accountNumber: z
    .string()
    .trim()
    .min(1, 'Enter the account number from your bill.')
    .max(32, 'That is too long for an account number.')
    .regex(/^[\d\s-]+$/, 'Account numbers have digits only (spaces and dashes are fine).'),
  secondFact: z
    .string()
    .trim()
    .min(1, 'Enter the postal code of the service address, or the account holder’s last name.')
    .max(64, 'That is too long.')
    .regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_MESSAGE),
});

export const PayAmountSchema = z.object({
  amount: z.string().trim().min(1, 'Enter an amount.').max(20, 'That amount is too long.'),
  idempotencyKey: z.string().uuid('This form has expired. Reload the page and try again.'),
});

export type RegisterInput = z.infer<typeof RegisterSchema>;
export type LinkAccountInput = z.infer<typeof LinkAccountSchema>;

/** Field errors, one list per field, from a failed parse. */
export function fieldErrorsOf(error: z.ZodError): Partial<Record<string, string[]>> {
  return z.flattenError(error).fieldErrors as Partial<Record<string, string[]>>;
}
