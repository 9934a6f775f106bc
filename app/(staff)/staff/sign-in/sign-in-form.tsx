'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle } from '@/lib/validation/form-state';
import { staffSignInAction } from '../actions';

export function StaffSignInForm() {
  const [state, action] = useActionState(staffSignInAction, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={action} className="space-y-5" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={state.status === 'error' ? state.values?.email : undefined}
        errors={errors?.email}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        errors={errors?.password}
        required
      />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
