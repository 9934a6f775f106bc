import { describe, expect, it } from 'vitest';
import { BusyError } from '@/lib/db/transaction';
import { AppError, NotFoundError } from '@/lib/errors';
import { OtpError } from '@/lib/otp/errors';
import { errorState } from './error-state';

describe('a refused request, as form state', () => {
  // Issue 13: the first "Text me a code" form lost retryAfterSeconds, so its button had no countdown.
  it('keeps how long to wait, with the values typed', () => {
    expect(errorState(OtpError.rateLimited(42_000), { phone: '(201) 555-0100' })).toEqual({
      status: 'error',
      message: 'Please wait 42 seconds before asking for another code.',
      retryAfterSeconds: 42,
      values: { phone: '(201) 555-0100' },
    });
    expect(errorState(OtpError.locked(3600_000))).toMatchObject({ retryAfterSeconds: 3600 });
  });

  it('keeps tries left beside the code, and closes a dead code', () => {
    expect(errorState(OtpError.wrongCode(2))).toEqual({
      status: 'error',
      fieldErrors: { code: ['That code is not right. You have 2 tries left.'] },
      attemptsLeft: 2,
    });
    expect(errorState(OtpError.tooManyWrong())).toMatchObject({ closed: true, attemptsLeft: 0 });
    expect(errorState(OtpError.pageExpired())).toMatchObject({
      closed: true,
      message: 'That code page has expired. Ask for a new code.',
    });
  });

  it('puts a message beside its field when it is about one, and above the form otherwise', () => {
    expect(errorState(new AppError('bad_phone', 'That number cannot receive our texts.', 'phone'))).toEqual({
      status: 'error',
      fieldErrors: { phone: ['That number cannot receive our texts.'] },
    });
    expect(errorState(new BusyError())).toEqual({ status: 'error', message: new BusyError().userMessage });
  });

  it('is a 404 for NotFoundError, and not a form state at all for a bug', () => {
    expect(() => errorState(new NotFoundError())).toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    const bug = new TypeError('x is undefined');
    expect(() => errorState(bug)).toThrow(bug);
  });
});
