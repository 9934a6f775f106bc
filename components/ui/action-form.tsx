'use client';

import { useActionState } from 'react';
import { idle, type FormState } from '@/lib/validation/form-state';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';

/** A one-button form whose action may answer with a message (e.g. "wait 40 seconds"). */
export function ActionForm({ action, label, pendingText, variant }: { action: (state: FormState) => Promise<FormState>; label: string; pendingText: string; variant?: 'primary' | 'secondary' }) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton pendingText={pendingText} variant={variant}>
        {label}
      </SubmitButton>
    </form>
  );
}
