'use client';

import { useTranslations } from 'next-intl';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

/** "I hold this account": its number and the postal code or last name from the bill (linking, guest pay). */
export function BillFactsForm({
  action: submit,
  submitLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  submitLabel: string;
}) {
  const t = useTranslations('billFacts');
  const [state, action] = useActionState(submit, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={action} className="space-y-5" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label={t('accountNumber')}
        name="accountNumber"
        inputMode="numeric"
        autoComplete="off"
        hint={t('accountHint')}
        defaultValue={values?.accountNumber}
        errors={errors?.accountNumber}
        required
        maxLength={32}
      />
      <Field
        label={t('secondFact')}
        name="secondFact"
        autoComplete="off"
        hint={t('secondFactHint')}
        defaultValue={values?.secondFact}
        errors={errors?.secondFact}
        required
        maxLength={64}
      />
      <SubmitButton pendingText={t('checking')}>{submitLabel}</SubmitButton>
    </form>
  );
}
