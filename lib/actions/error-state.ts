import 'server-only';
import { notFound } from 'next/navigation';
import { AppError, NotFoundError } from '@/lib/errors';
import { OtpError } from '@/lib/otp/errors';
import type { FormState } from '@/lib/validation/form-state';

/** The form state for a refused request: the typed error's every detail, and the typed values back. */
export function errorState(error: unknown, values?: Record<string, string>): FormState {
  if (error instanceof NotFoundError) notFound();
  if (!(error instanceof AppError)) throw error;
  const back = values ? { values } : {};
  if (error instanceof OtpError) {
    switch (error.code) {
      case 'wrong_code':
        return {
          status: 'error',
          fieldErrors: { code: [error.userMessage] },
          attemptsLeft: error.details.attemptsLeft,
          ...back,
        };
      case 'locked':
      case 'rate_limited':
        return {
          status: 'error',
          message: error.userMessage,
          retryAfterSeconds: error.details.retryAfterSeconds,
          ...back,
        };
      default:
        return { status: 'error', message: error.userMessage, closed: true, attemptsLeft: 0, ...back };
    }
  }
  if (error.field) return { status: 'error', fieldErrors: { [error.field]: [error.userMessage] }, ...back };
  return { status: 'error', message: error.userMessage, ...back };
}
