'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

export function UnlockForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form ref={formRef} action={formAction} className="max-w-md space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label="Reason"
        name="reason"
        hint="E.g. the customer called and proved who they are."
        defaultValue={values?.reason}
        errors={state.status === 'error' ? state.fieldErrors?.reason : undefined}
        maxLength={200}
      />
      <SubmitButton pendingText="Unlocking…">Unlock the phone</SubmitButton>
    </form>
  );
}
