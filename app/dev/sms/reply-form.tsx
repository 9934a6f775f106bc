'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

/** Reply as the customer's phone would: STOP, START, HELP (or anything else). */
export function ReplyForm({
  action,
  defaultFrom,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  defaultFrom: string;
}) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form
      ref={formRef}
      action={formAction}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="Reply as the customer"
      noValidate
    >
      <h2 className="font-semibold">Reply as the customer</h2>
      <FormMessage state={state} formRef={formRef} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="From number"
          name="from"
          defaultValue={values?.from ?? defaultFrom}
          errors={errors?.from}
          maxLength={32}
        />
        <Field
          label="Reply"
          name="text"
          hint="STOP, START, HELP (or ALTO, COMENZAR, AYUDA)"
          defaultValue={values?.text}
          errors={errors?.text}
          maxLength={160}
        />
      </div>
      <SubmitButton pendingText="Sending…">Send reply</SubmitButton>
    </form>
  );
}
