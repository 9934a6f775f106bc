'use client';

import { useLocale, useTranslations } from 'next-intl';

import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Stripe } from '@stripe/stripe-js';
import { useEffect, useImperativeHandle, useState, type Ref } from 'react';
import type { FormState } from '@/lib/validation/form-state';

export type StripeMethodHandle = { confirm: () => Promise<{ token: string } | { error: string }> };

let stripePromise: Promise<Stripe | null> | undefined;

/**
 * A new card or bank account, typed into Stripe's Payment Element (Stripe's own frames: the numbers
 * never reach this site) and saved at Stripe with a SetupIntent. `confirm` answers with the new
 * PaymentMethod's id for the pay form to send.
 */
export function StripeMethod({
  publishableKey,
  startAdding,
  ref,
}: {
  publishableKey: string;
  startAdding: (state: FormState, form: FormData) => Promise<FormState | { status: 'setup'; clientSecret: string }>;
  ref: Ref<StripeMethodHandle>;
}) {
  const t = useTranslations('stripe');
  const locale = useLocale();
  const [clientSecret, setClientSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    startAdding({ status: 'idle' }, new FormData())
      .then((answer) => {
        if (!live) return;
        if (answer.status === 'setup') setClientSecret(answer.clientSecret);
        else setProblem(t('openFailed'));
      })
      .catch(() => live && setProblem(t('openFailed')));
    return () => {
      live = false;
    };
  }, [startAdding, t]);
  if (problem) return <p className="text-sm font-medium text-red-800">{problem}</p>;
  if (!clientSecret) return <p className="text-sm text-slate-600">{t('opening')}</p>;
  stripePromise ??= loadStripe(publishableKey);
  return (
    // Stripe's own form and its messages in the page's language (Stripe calls Latin American Spanish es-419).
    <Elements stripe={stripePromise} options={{ clientSecret, locale: locale.startsWith('es') ? 'es-419' : 'en' }}>
      <Confirmer handle={ref} />
      <PaymentElement options={{ layout: 'tabs' }} />
    </Elements>
  );
}

function Confirmer({ handle }: { handle: Ref<StripeMethodHandle> }) {
  const t = useTranslations('stripe');
  const stripe = useStripe();
  const elements = useElements();
  useImperativeHandle(handle, () => ({
    async confirm() {
      if (!stripe || !elements) return { error: t('loading') };
      const result = await stripe.confirmSetup({
        elements,
        redirect: 'if_required',
        confirmParams: { return_url: window.location.href },
      });
      if (result.error) return { error: result.error.message ?? t('check') };
      const method = result.setupIntent.payment_method;
      const token = typeof method === 'string' ? method : method?.id;
      return token ? { token } : { error: t('check') };
    },
  }));
  return null;
}
