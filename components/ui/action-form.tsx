'use client';

import { useTranslations } from 'next-intl';

import { useActionState } from 'react';
import { formatSeconds } from '@/components/otp/countdown';
import { idle, type FormState } from '@/lib/validation/form-state';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';
import { useRetryWait } from './use-retry-wait';

/**
 * A one-button form whose action may answer with a message. When the answer is "wait N seconds"
 * (a send limit), the button counts down and comes back by itself.
 */
export function ActionForm({
  action,
  label,
  pendingText,
  variant,
}: {
  action: (state: FormState) => Promise<FormState>;
  label: string;
  pendingText: string;
  variant?: 'primary' | 'secondary';
}) {
  const t = useTranslations('ui');
  const [state, formAction] = useActionState(action, idle);
  const waitLeft = useRetryWait(state);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton pendingText={pendingText} variant={variant} disabled={waitLeft > 0}>
        {waitLeft > 0 ? t('waiting', { label, time: formatSeconds(waitLeft) }) : label}
      </SubmitButton>
    </form>
  );
}
