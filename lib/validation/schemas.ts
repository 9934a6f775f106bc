import { z } from 'zod';

// Shared by forms and server actions; imports nothing server-side.

/** Typed text never holds control characters (PostgreSQL cannot even store NUL in text). */
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;
export const CONTROL_CHARACTERS_MESSAGE = 'Remove the special characters (such as tabs or line breaks).';

export const NameSchema = z.string().trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.').regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_MESSAGE);
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
