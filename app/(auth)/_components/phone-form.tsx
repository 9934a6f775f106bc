'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

/** The first step of registering or signing in: (name and) mobile number. */
export function PhoneForm({
  action,
  withName,
  submitLabel,
  next,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  withName: boolean;
  submitLabel: string;
  next?: string;
}) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <FormMessage state={state} formRef={formRef} />
      {withName ? <Field label="Your name" name="name" autoComplete="name" defaultValue={values?.name} errors={errors?.name} required maxLength={100} /> : null}
      <Field
        label="Mobile number"
        name="phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        hint="We text a code to this number. US numbers need no +1."
        defaultValue={values?.phone}
        errors={errors?.phone}
        required
        maxLength={32}
      />
      <SubmitButton pendingText="Sending your code…">{submitLabel}</SubmitButton>
    </form>
  );
}
