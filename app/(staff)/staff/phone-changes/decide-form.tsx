'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** One form, two answers: the reason goes with whichever button is pressed. */
export function DecideForm({ id, approve, reject }: { id: string; approve: Action; reject: Action }) {
  const [approved, approveAction] = useActionState(approve, idle);
  const [rejected, rejectAction] = useActionState(reject, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const state = approved.status !== 'idle' ? approved : rejected;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form ref={formRef} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label="Reason"
        name="reason"
        id={`reason-${id}`}
        hint="What you checked, e.g. called the customer on the number on file."
        defaultValue={values?.reason}
        errors={state.status === 'error' ? state.fieldErrors?.reason : undefined}
        maxLength={200}
      />
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingText="Approving…" formAction={approveAction}>
          Approve the new number
        </SubmitButton>
        <SubmitButton pendingText="Rejecting…" formAction={rejectAction} variant="secondary">
          Reject
        </SubmitButton>
      </div>
    </form>
  );
}
