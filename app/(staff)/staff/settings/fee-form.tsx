'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';

type Values = { cardFeeFlatCents: string; cardFeeBps: string; bankFeeFlatCents: string; bankFeeBps: string };

export function FeeForm({
  action,
  current,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  current: Values;
}) {
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = (state.status === 'error' ? state.values : undefined) ?? current;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const field = (name: keyof Values, label: string, hint: string) => (
    <Field
      label={label}
      name={name}
      inputMode="decimal"
      hint={hint}
      defaultValue={values[name]}
      errors={errors?.[name]}
      maxLength={10}
    />
  );
  return (
    <form ref={formRef} action={formAction} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <fieldset className="space-y-3">
        <legend className="font-semibold">Card payments</legend>
        {field('cardFeeFlatCents', 'Flat fee ($)', 'Added to every card payment; 0 for none.')}
        {field('cardFeeBps', 'Percentage fee (%)', 'Of the amount; 0 for none.')}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="font-semibold">Bank account (ACH) payments</legend>
        {field('bankFeeFlatCents', 'Flat fee ($)', 'Added to every bank payment; 0 for none.')}
        {field('bankFeeBps', 'Percentage fee (%)', 'Of the amount; 0 for none.')}
      </fieldset>
      <SubmitButton pendingText="Saving…">Save fees</SubmitButton>
    </form>
  );
}
