'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

export function PayForm({
  action,
  idempotencyKey,
  defaultAmount,
  balanceText,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  idempotencyKey: string;
  defaultAmount: string;
  balanceText: string;
}) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormMessage state={state} formRef={formRef} />
      <Field
        label="Amount to pay ($)"
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        hint={`The balance is ${balanceText}. Pay all of it or any part from $1.00.`}
        defaultValue={values?.amount ?? defaultAmount}
        errors={state.status === 'error' ? state.fieldErrors?.amount : undefined}
        required
        maxLength={20}
      />
      <SubmitButton pendingText="Preparing your payment…">Review payment</SubmitButton>
    </form>
  );
}
