'use client';

import { useTranslations } from 'next-intl';

import { useEffect, useRef } from 'react';

type CredentialWithCode = Credential & { code?: string };

/**
 * The one-time code field: one input, digits only, paste of "123 456" or "Code: 123456" accepted,
 * autofill from the SMS (autocomplete="one-time-code"), and the WebOTP API where the browser has it
 * (Chrome on Android reads the "@host #code" line and submits the form).
 */
export function CodeInput({ errors, describedBy }: { errors?: string[]; describedBy?: string }) {
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (typeof window === 'undefined' || !('OTPCredential' in window)) return;
    const abort = new AbortController();
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions)
      .then((credential) => {
        const code = (credential as CredentialWithCode | null)?.code;
        if (code && ref.current) {
          ref.current.value = code;
          ref.current.form?.requestSubmit();
        }
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, []);

  const t = useTranslations('code');
  const invalid = Boolean(errors?.length);
  return (
    <div className="space-y-1">
      <label htmlFor="code" className="block font-medium text-slate-900">
        {t('label')}
      </label>
      <input
        ref={ref}
        id="code"
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={12}
        required
        autoFocus
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, invalid ? 'code-error' : undefined].filter(Boolean).join(' ') || undefined}
        onPaste={(event) => {
          const digits = event.clipboardData.getData('text').replace(/\D/g, '').slice(-6);
          if (digits.length === 6) {
            event.preventDefault();
            event.currentTarget.value = digits;
          }
        }}
        className={`block w-48 rounded-md border bg-white px-3 py-2.5 font-mono text-2xl tracking-[0.3em] text-slate-900 shadow-sm focus:outline-none focus:ring-3 focus:ring-brand-600/40 ${invalid ? 'border-red-700' : 'border-slate-400'}`}
      />
      <div id="code-error" aria-live="polite">
        {errors?.map((e) => (
          <p key={e} className="text-sm font-medium text-red-800">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}
