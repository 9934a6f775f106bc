import type { FormState } from '@/lib/validation/form-state';
import type { OtpError } from './errors';

/** How a refused code shows on a code form. */
export function otpErrorState(error: OtpError): FormState {
  switch (error.code) {
    case 'wrong_code':
      return { status: 'error', fieldErrors: { code: [error.userMessage] }, attemptsLeft: error.details.attemptsLeft };
    case 'locked':
    case 'rate_limited':
      return { status: 'error', message: error.userMessage, retryAfterSeconds: error.details.retryAfterSeconds };
    default:
      return { status: 'error', message: error.userMessage, closed: true, attemptsLeft: 0 };
  }
}
