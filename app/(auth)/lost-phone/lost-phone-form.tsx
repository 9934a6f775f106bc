'use client';

import { useTranslations } from 'next-intl';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

export function LostPhoneForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations('lostPhone');
  const tFacts = useTranslations('billFacts');
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label={t('oldPhone')}
        name="oldPhone"
        type="tel"
        autoComplete="off"
        hint={t('oldPhoneHint')}
        defaultValue={values?.oldPhone}
        errors={errors?.oldPhone}
        required
        maxLength={32}
      />
      <Field
        label={tFacts('accountNumber')}
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
        label={tFacts('secondFact')}
        name="secondFact"
        autoComplete="off"
        defaultValue={values?.secondFact}
        errors={errors?.secondFact}
        required
        maxLength={64}
      />
      <Field
        label={t('newPhone')}
        name="newPhone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        hint={t('newPhoneHint')}
        defaultValue={values?.newPhone}
        errors={errors?.newPhone}
        required
        maxLength={32}
      />
      <SubmitButton pendingText={tFacts('checking')}>{t('submit')}</SubmitButton>
    </form>
  );
}
