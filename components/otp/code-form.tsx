'use client';

import { useTranslations } from 'next-intl';

import { useActionState, useRef } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';
import { CodeInput } from './code-input';
import { ExpiryNotice } from './countdown';
import { ResendButton } from './resend-button';

export type CodeFormProps = {
  verifyAction: (state: FormState, formData: FormData) => Promise<FormState>;
  resendAction: (state: FormState, formData: FormData) => Promise<FormState>;
  challengeId: string;
  phoneMasked: string;
  attemptsLeft: number;
  expiresAt: string;
  expiresInSeconds: number;
  resendAvailableAt: string;
  resendInSeconds: number;
  submitLabel: string;
  pendingText: string;
  closed: boolean;
  /** Extra non-secret fields both forms carry (e.g. where to go after signing in). */
  hiddenFields?: Record<string, string>;
};

/** Enter the texted code, see the tries and time left, or ask for a new code. */
export function CodeForm(props: CodeFormProps) {
  const t = useTranslations('code');
  const [state, verify] = useActionState(props.verifyAction, idle);
  const [resendState, resend] = useActionState(props.resendAction, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const hidden = Object.entries(props.hiddenFields ?? {}).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
  const attemptsLeft =
    state.status === 'error' && state.attemptsLeft !== undefined ? state.attemptsLeft : props.attemptsLeft;
  const dead = props.closed || (state.status === 'error' && state.closed === true);
  // The code went through: the page moves on; no code, tries or new code to offer meanwhile.
  if (state.status === 'moveOn') return <FormMessage state={state} />;
  return (
    <div className="space-y-6">
      <p className="text-slate-700" id="code-help">
        {t.rich('sentTo', {
          phone: props.phoneMasked,
          number: (chunks) => <span className="font-semibold text-slate-900">{chunks}</span>,
        })}{' '}
        {!dead ? (
          <>
            <ExpiryNotice expiresAt={props.expiresAt} initialSeconds={props.expiresInSeconds} />{' '}
            {t('triesLeft', { count: attemptsLeft })}
          </>
        ) : null}
      </p>
      {dead ? (
        <FormMessage state={state.status === 'error' ? state : { status: 'error', message: t('dead') }} />
      ) : (
        <form ref={formRef} action={verify} className="space-y-4" noValidate>
          <input type="hidden" name="challengeId" value={props.challengeId} />
          {hidden}
          <FormMessage state={state} formRef={formRef} />
          <CodeInput errors={state.status === 'error' ? state.fieldErrors?.code : undefined} describedBy="code-help" />
          <SubmitButton pendingText={props.pendingText}>{props.submitLabel}</SubmitButton>
        </form>
      )}
      <form action={resend} className="space-y-2 border-t border-slate-200 pt-4">
        <input type="hidden" name="challengeId" value={props.challengeId} />
        {hidden}
        <p className="text-slate-700">{t('notArrived')}</p>
        <FormMessage state={resendState} />
        <ResendButton availableAt={props.resendAvailableAt} initialSeconds={props.resendInSeconds} />
      </form>
    </div>
  );
}
