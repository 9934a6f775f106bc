'use client';

import { useTranslations } from 'next-intl';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { formatSeconds } from '@/components/otp/countdown';
import { SubmitButton } from '@/components/ui/submit-button';
import { useRetryWait } from '@/components/ui/use-retry-wait';
import { idle, type FormState } from '@/lib/validation/form-state';

/** The first step of registering or signing in: (name and) mobile number. */
export function PhoneForm({
  action,
  withName,
  submitLabel,
  next,
  phoneLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  withName: boolean;
  /** "Text me a code" unless the page says otherwise. */
  submitLabel?: string;
  next?: string;
  phoneLabel?: string;
}) {
  const t = useTranslations('phoneForm');
  const tUi = useTranslations('ui');
  const label = submitLabel ?? t('sendCode');
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  // After "wait N seconds", the button counts down and comes back by itself.
  const waitLeft = useRetryWait(state);
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <FormMessage state={state} formRef={formRef} />
      {withName ? (
        <Field
          label={t('name')}
          name="name"
          autoComplete="name"
          defaultValue={values?.name}
          errors={errors?.name}
          required
          maxLength={100}
        />
      ) : null}
      <Field
        label={phoneLabel ?? t('phone')}
        name="phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        hint={t('hint')}
        defaultValue={values?.phone}
        errors={errors?.phone}
        required
        maxLength={32}
      />
      <SubmitButton pendingText={t('sending')} disabled={waitLeft > 0}>
        {waitLeft > 0 ? tUi('waiting', { label, time: formatSeconds(waitLeft) }) : label}
      </SubmitButton>
    </form>
  );
}
