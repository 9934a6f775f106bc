'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

/** An ADMIN's refund of part or all of what is left of a payment. */
export function RefundForm({
  action,
  idempotencyKey,
  leftText,
  defaultAmount,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  idempotencyKey: string;
  leftText: string;
  defaultAmount: string;
}) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormMessage state={state} formRef={formRef} />
      <Field
        label="Amount to refund ($)"
        name="amount"
        inputMode="decimal"
        hint={`Up to ${leftText}. The bill's paid amount goes down by the same.`}
        defaultValue={values?.amount ?? defaultAmount}
        errors={errors?.amount}
        maxLength={20}
      />
      <Field label="Reason" name="reason" defaultValue={values?.reason} errors={errors?.reason} maxLength={200} />
      <SubmitButton pendingText="Refunding…">Refund</SubmitButton>
    </form>
  );
}
