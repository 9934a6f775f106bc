'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

export function PhoneOnFileForm({
  action,
  current,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  current: string;
}) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={formAction} className="max-w-md space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label="Mobile number on file"
        name="phone"
        type="tel"
        hint="Leave blank to clear it."
        defaultValue={values?.phone ?? current}
        errors={errors?.phone}
        maxLength={32}
      />
      <Field
        label="Reason"
        name="reason"
        hint="E.g. the holder called and proved who they are."
        defaultValue={values?.reason}
        errors={errors?.reason}
        maxLength={200}
      />
      <SubmitButton pendingText="Saving…">Save the number on file</SubmitButton>
    </form>
  );
}
