'use client';

import { useActionState, useEffect, useState } from 'react';
import { formatSeconds } from '@/components/otp/countdown';
import { idle, type FormState } from '@/lib/validation/form-state';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';

/**
 * A one-button form whose action may answer with a message. When the answer is "wait N seconds"
 * (a send limit), the button counts down and comes back by itself.
 */
export function ActionForm({ action, label, pendingText, variant }: { action: (state: FormState) => Promise<FormState>; label: string; pendingText: string; variant?: 'primary' | 'secondary' }) {
  const [state, formAction] = useActionState(action, idle);
  const [waitLeft, setWaitLeft] = useState(0);
  useEffect(() => {
    if (state.status !== 'error' || !state.retryAfterSeconds) return;
    const until = Date.now() + state.retryAfterSeconds * 1000;
    const tick = () => setWaitLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [state]);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton pendingText={pendingText} variant={variant} disabled={waitLeft > 0}>
        {waitLeft > 0 ? `${label} (in ${formatSeconds(waitLeft)})` : label}
      </SubmitButton>
    </form>
  );
}
