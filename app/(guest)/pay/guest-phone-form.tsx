'use client';

import { useTranslations } from 'next-intl';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

/** A one-time payer's number for the code: typed, or (an account with a number on file) only confirmed. */
export function GuestPhoneForm({
  action,
  onFileMasked,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  onFileMasked: string | null;
}) {
  const t = useTranslations('guestPay');
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      {onFileMasked ? (
        <p>
          {t.rich('onFile', {
            phone: onFileMasked,
            strong: (chunks) => <span className="font-semibold">{chunks}</span>,
          })}
        </p>
      ) : (
        <Field
          label={t('phone')}
          name="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          hint={t('phoneHint')}
          defaultValue={values?.phone}
          errors={errors?.phone}
          required
          maxLength={32}
        />
      )}
      <SubmitButton pendingText={t('checking')}>{t('continue')}</SubmitButton>
    </form>
  );
}
