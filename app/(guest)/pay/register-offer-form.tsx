'use client';

import { useTranslations } from 'next-intl';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

export function RegisterOfferForm({
  action,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const t = useTranslations('guestPay');
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label={t('name')}
        name="name"
        autoComplete="name"
        defaultValue={values?.name}
        errors={state.status === 'error' ? state.fieldErrors?.name : undefined}
        required
        maxLength={100}
      />
      <SubmitButton pendingText={t('creating')}>{t('create')}</SubmitButton>
    </form>
  );
}
