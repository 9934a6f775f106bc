'use client';

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
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      {onFileMasked ? (
        <p>
          This account has a mobile number on file with us: <span className="font-semibold">{onFileMasked}</span>. We
          text the code to pay to that number. To use another, call us to change it.
        </p>
      ) : (
        <Field
          label="Mobile number"
          name="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          hint="We text the code to pay, and your receipt, to this number. US numbers need no +1."
          defaultValue={values?.phone}
          errors={errors?.phone}
          required
          maxLength={32}
        />
      )}
      <SubmitButton pendingText="Checking…">Continue</SubmitButton>
    </form>
  );
}
