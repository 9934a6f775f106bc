'use server';

import { redirect } from 'next/navigation';
import { buttonAction } from '@/lib/actions';
import { requirePayer } from '@/lib/auth/require-payer';
import { finishSandboxStep, paymentIdOfReference } from '@/lib/payments/sandbox-step';

/** The sandbox bank page's two answers: bound to the processor's reference and 'approve' or 'fail'. */
export const finishSandboxStepAction = buttonAction({
  // Its payer is found from the reference's payment (below), as the page found it.
  who: { anyone: true },
  bound: 2,
  run: async (_context, reference, answer) => {
    const payer = await requirePayer(await paymentIdOfReference(reference!), `/sandbox/authenticate/${reference}`);
    const paymentId = await finishSandboxStep(payer.customerId, reference!, answer === 'approve');
    redirect(`/payments/${paymentId}`);
  },
});
