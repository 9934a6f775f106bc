'use client';

import { useActionState, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle } from '@/lib/validation/form-state';
import { addStaffUserAction } from './actions';

export function AddUserForm() {
  const [state, action] = useActionState(addStaffUserAction, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form
      ref={formRef}
      action={action}
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2"
      noValidate
    >
      <div className="sm:col-span-2">
        <FormMessage state={state} formRef={formRef} />
      </div>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        defaultValue={values?.email}
        errors={errors?.email}
        required
      />
      <Field label="Name" name="name" autoComplete="off" defaultValue={values?.name} errors={errors?.name} required />
      <div className="space-y-1">
        <label htmlFor="role" className="block font-medium">
          Role
        </label>
        <select
          id="role"
          name="role"
          defaultValue={values?.role ?? 'STAFF'}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5"
        >
          <option value="STAFF">Staff (read, export)</option>
          <option value="ADMIN">Admin (also import, audit, users)</option>
        </select>
      </div>
      <Field
        label="First password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters; share it with them in person."
        errors={errors?.password}
        required
      />
      <div>
        <SubmitButton pendingText="Adding…">Add staff user</SubmitButton>
      </div>
    </form>
  );
}
