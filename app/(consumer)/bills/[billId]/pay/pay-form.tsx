'use client';

import { useTranslations } from 'next-intl';

import { useActionState, useRef, useState } from 'react';
import { Field, FieldErrors } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idle, type FormState } from '@/lib/validation/form-state';
import dynamic from 'next/dynamic';
import type { StripeMethodHandle } from './stripe-method';

// Stripe's libraries load only when its Payment Element is shown (Stripe as the processor and a new
// card or account chosen): the sandbox, and a customer paying with a saved method, never fetch them.
const StripeMethod = dynamic(() => import('./stripe-method').then((m) => m.StripeMethod), { ssr: false });

export type SavedMethodOption = { id: string; label: string; detail: string; isDefault: boolean };

/**
 * The amount and how to pay: a saved card or bank account, or a new one. With the sandbox
 * processor the new card or account is typed here (test numbers only; the processor checks them
 * and keeps a token, never the number). With Stripe it is typed into Stripe's Payment Element,
 * saved at Stripe first, and only its PaymentMethod id is sent with the form.
 */
export function PayForm({
  action,
  idempotencyKey,
  defaultAmount,
  balanceText,
  savedMethods,
  payee,
  sandbox,
  stripe,
  feeNotes = {},
  canSave = true,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  idempotencyKey: string;
  defaultAmount: string;
  balanceText: string;
  savedMethods: SavedMethodOption[];
  payee: string;
  sandbox: boolean;
  /** Whether "save for next time" is offered (not to a one-time payer). */
  canSave?: boolean;
  /** The convenience fee for a card and for a bank account, said before the customer chooses. */
  feeNotes?: { card?: string | null; bank?: string | null };
  stripe?: {
    publishableKey: string;
    startAdding: (state: FormState, form: FormData) => Promise<FormState | { status: 'setup'; clientSecret: string }>;
  };
}) {
  const t = useTranslations('pay');
  const [state, formAction] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const fallback = stripe ? 'token' : 'card';
  const initial = values?.method ?? savedMethods.find((m) => m.isDefault)?.id ?? savedMethods[0]?.id ?? fallback;
  const stripeMethod = useRef<StripeMethodHandle>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  // A SetupIntent confirms once: after a refusal of something else (the amount), its method is reused.
  const confirmedToken = useRef<string | null>(null);
  const [stripeProblem, setStripeProblem] = useState<string | null>(null);
  // React resets the form after each submit: the radios go back to their default, the choice that
  // was sent. A choice made since the last answer wins, so the fields shown and the radio agree.
  const [picked, setPicked] = useState<{ state: FormState; value: string } | null>(null);
  const method = picked && picked.state === state ? picked.value : initial;
  const choices = [
    ...savedMethods.map((m) => ({ value: m.id, label: m.label, detail: m.detail })),
    ...(stripe
      ? [{ value: 'token', label: t('newMethod'), detail: t('newMethodDetail') }]
      : [
          {
            value: 'card',
            label: t('newCard'),
            detail: [t('newCardDetail'), feeNotes.card].filter(Boolean).join(' · '),
          },
          {
            value: 'bank',
            label: t('newBank'),
            detail: [t('newBankDetail'), feeNotes.bank].filter(Boolean).join(' · '),
          },
        ]),
  ];
  // Stripe: the new card or account is saved at Stripe first; then the form goes with its id.
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    if (method !== 'token' || !stripeMethod.current || !tokenInput.current) return;
    if (confirmedToken.current) {
      tokenInput.current.value = confirmedToken.current;
      return;
    }
    event.preventDefault();
    setStripeProblem(null);
    const answer = await stripeMethod.current.confirm();
    if ('error' in answer) return setStripeProblem(answer.error);
    confirmedToken.current = answer.token;
    tokenInput.current.value = answer.token;
    formRef.current?.requestSubmit();
  };
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-5" noValidate>
      <input ref={tokenInput} type="hidden" name="token" defaultValue="" />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormMessage state={state} formRef={formRef} />
      <Field
        label={t('amount')}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        hint={t('amountHint', { balance: balanceText })}
        defaultValue={values?.amount ?? defaultAmount}
        errors={errors?.amount}
        required
        maxLength={20}
      />
      <fieldset className="space-y-2" aria-describedby={errors?.method ? 'method-error' : undefined}>
        <legend className="mb-1 font-medium text-slate-900">{t('payWith')}</legend>
        {choices.map((choice) => (
          <label
            key={choice.value}
            className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 bg-white px-3 py-2.5 has-checked:border-brand-700 has-checked:ring-2 has-checked:ring-brand-600/30"
          >
            <input
              type="radio"
              name="method"
              value={choice.value}
              defaultChecked={choice.value === initial}
              onChange={() => setPicked({ state, value: choice.value })}
              className="mt-1 size-4 accent-brand-700"
            />
            <span>
              <span className="block font-medium">{choice.label}</span>
              <span className="block text-sm text-slate-600">{choice.detail}</span>
            </span>
          </label>
        ))}
        <FieldErrors id="method-error" errors={errors?.method} />
      </fieldset>

      {method === 'token' && stripe ? (
        <div className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
          <StripeMethod publishableKey={stripe.publishableKey} startAdding={stripe.startAdding} ref={stripeMethod} />
          {stripeProblem || errors?.token ? (
            <p role="alert" className="text-sm font-medium text-red-800">
              {stripeProblem ?? errors?.token?.[0]}
            </p>
          ) : null}
          {canSave ? <SaveBox label={t('saveIt')} checked={Boolean(values?.save)} /> : null}
        </div>
      ) : null}

      {method === 'card' ? (
        <div className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
          {sandbox ? <SandboxNote kind="card" /> : null}
          <Field
            label={t('cardNumber')}
            name="cardNumber"
            inputMode="numeric"
            autoComplete="cc-number"
            errors={errors?.cardNumber}
            maxLength={23}
          />
          <div className="grid grid-cols-2 gap-4">
            <Field
              label={t('expiry')}
              name="expiry"
              inputMode="numeric"
              autoComplete="cc-exp"
              defaultValue={values?.expiry}
              errors={errors?.expiry}
              maxLength={7}
            />
            <Field
              label={t('cvc')}
              name="cvc"
              inputMode="numeric"
              autoComplete="cc-csc"
              errors={errors?.cvc}
              maxLength={4}
            />
          </div>
          {canSave ? <SaveBox label={t('saveCard')} checked={Boolean(values?.save)} /> : null}
        </div>
      ) : null}

      {method === 'bank' ? (
        <div className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
          {sandbox ? <SandboxNote kind="bank" /> : null}
          <Field
            label={t('routing')}
            name="routingNumber"
            inputMode="numeric"
            autoComplete="off"
            hint={t('routingHint')}
            defaultValue={values?.routingNumber}
            errors={errors?.routingNumber}
            maxLength={9}
          />
          <Field
            label={t('accountNumber')}
            name="accountNumber"
            inputMode="numeric"
            autoComplete="off"
            errors={errors?.accountNumber}
            maxLength={17}
          />
          <div className="space-y-1">
            <label className="flex items-start gap-3">
              <input
                type="checkbox"
                name="mandate"
                value="yes"
                defaultChecked={Boolean(values?.mandate)}
                aria-invalid={errors?.mandate ? true : undefined}
                aria-describedby={errors?.mandate ? 'mandate-error' : undefined}
                className="mt-1 size-4 accent-brand-700"
              />
              <span className="text-sm text-slate-800">{t('mandate', { payee })}</span>
            </label>
            <FieldErrors id="mandate-error" errors={errors?.mandate} />
          </div>
          {canSave ? <SaveBox label={t('saveAccount')} checked={Boolean(values?.save)} /> : null}
        </div>
      ) : null}

      <SubmitButton pendingText={t('preparing')}>{t('review')}</SubmitButton>
    </form>
  );
}

function SaveBox({ label, checked }: { label: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-3">
      <input type="checkbox" name="save" value="yes" defaultChecked={checked} className="size-4 accent-brand-700" />
      <span>{label}</span>
    </label>
  );
}

function SandboxNote({ kind }: { kind: 'card' | 'bank' }) {
  const t = useTranslations('pay');
  return (
    <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      {t.rich('testMode', { strong: (chunks) => <strong>{chunks}</strong> })}{' '}
      {kind === 'card' ? t('testCard') : t('testBank')}
    </p>
  );
}
