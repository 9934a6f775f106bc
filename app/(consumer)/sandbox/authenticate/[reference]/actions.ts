'use server';

import { redirect } from 'next/navigation';
import { buttonAction } from '@/lib/actions';
import { finishSandboxStep } from '@/lib/payments/sandbox-step';

/** The sandbox bank page's two answers: bound to the processor's reference and 'approve' or 'fail'. */
export const finishSandboxStepAction = buttonAction({
  who: { customer: { next: (reference) => `/sandbox/authenticate/${reference}` } },
  bound: 2,
  run: async ({ caller }, reference, answer) => {
    const paymentId = await finishSandboxStep(caller.customerId, reference!, answer === 'approve');
    redirect(`/payments/${paymentId}`);
  },
});
