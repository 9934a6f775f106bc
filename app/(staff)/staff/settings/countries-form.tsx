'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

export function CountriesForm({
  action,
  current,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  current: string;
}) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form ref={formRef} action={formAction} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label="Countries we text"
        name="countries"
        hint="Two-letter codes, separated by commas (US, CA). Numbers from anywhere else are refused before any text."
        defaultValue={values?.countries ?? current}
        errors={state.status === 'error' ? state.fieldErrors?.countries : undefined}
        maxLength={200}
      />
      <SubmitButton pendingText="Saving…">Save countries</SubmitButton>
    </form>
  );
}
