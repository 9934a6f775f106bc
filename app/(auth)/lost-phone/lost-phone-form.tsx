'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

export function LostPhoneForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label="The number you lost"
        name="oldPhone"
        type="tel"
        autoComplete="off"
        hint="The mobile number you registered with."
        defaultValue={values?.oldPhone}
        errors={errors?.oldPhone}
        required
        maxLength={32}
      />
      <Field
        label="Account number"
        name="accountNumber"
        inputMode="numeric"
        autoComplete="off"
        hint="Of an account you linked, printed at the top of its bill."
        defaultValue={values?.accountNumber}
        errors={errors?.accountNumber}
        required
        maxLength={32}
      />
      <Field
        label="Postal code of the service address, or the account holder’s last name"
        name="secondFact"
        autoComplete="off"
        defaultValue={values?.secondFact}
        errors={errors?.secondFact}
        required
        maxLength={64}
      />
      <Field
        label="Your new mobile number"
        name="newPhone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        hint="We text a code to it now."
        defaultValue={values?.newPhone}
        errors={errors?.newPhone}
        required
        maxLength={32}
      />
      <SubmitButton pendingText="Checking…">Text my new number a code</SubmitButton>
    </form>
  );
}
