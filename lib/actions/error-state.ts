import 'server-only';
import { notFound } from 'next/navigation';
import { AppError, NotFoundError } from '@/lib/errors';
import { OtpError } from '@/lib/otp/errors';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import type { FormState } from '@/lib/validation/form-state';

/** The form state for a refused request: the typed error's every detail in the page's language, and the typed values back. */
export function errorState(
  error: unknown,
  values?: Record<string, string>,
  locale: Locale = DEFAULT_LOCALE,
): FormState {
  if (error instanceof NotFoundError) notFound();
  if (!(error instanceof AppError)) throw error;
  const back = values ? { values } : {};
  const text = error.localized(locale);
  if (error instanceof OtpError) {
    switch (error.code) {
      case 'wrong_code':
        return {
          status: 'error',
          fieldErrors: { code: [text] },
          attemptsLeft: error.details.attemptsLeft,
          ...back,
        };
      case 'locked':
      case 'rate_limited':
        return {
          status: 'error',
          message: text,
          retryAfterSeconds: error.details.retryAfterSeconds,
          ...back,
        };
      default:
        return { status: 'error', message: text, closed: true, attemptsLeft: 0, ...back };
    }
  }
  if (error.field) return { status: 'error', fieldErrors: { [error.field]: [text] }, ...back };
  return { status: 'error', message: text, ...back };
}
