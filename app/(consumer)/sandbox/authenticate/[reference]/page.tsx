import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { requirePayer } from '@/lib/auth/require-payer';
import { NotFoundError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { paymentIdOfReference, sandboxStepFor } from '@/lib/payments/sandbox-step';
import { finishSandboxStepAction } from './actions';

export const metadata: Metadata = { title: 'Confirm with your bank (test)' };

/** What a bank's 3-D Secure page does, for the sandbox's test card 4000 0027 6000 3184. */
export default async function SandboxBankStepPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  // The payer of its payment: the signed-in customer, or the one-time payer who started it.
  const { customerId } = await requirePayer(
    await paymentIdOfReference(reference),
    `/sandbox/authenticate/${reference}`,
  );
  const step = await sandboxStepFor(customerId, reference).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  if (!step.waiting) redirect(`/payments/${step.id}`);
  return (
    <div className="mx-auto max-w-md space-y-5 rounded-lg border-2 border-dashed border-slate-400 bg-white p-6">
      <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">Sandbox Bank · test mode</p>
      <h1 className="text-2xl font-bold">Confirm this payment</h1>
      <p>
        {step.utility.name} asks to charge <strong>{formatMoney(step.amountCents, step.currency)}</strong> to your card
        {step.method ? ` ${step.method.brand} ••${step.method.last4}` : ''}. A real bank would ask you to approve it in
        its app or with a code here.
      </p>
      <div className="flex flex-wrap gap-4">
        <form action={finishSandboxStepAction.bind(null, reference, 'approve')}>
          <button
            type="submit"
            className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Approve the payment
          </button>
        </form>
        <form action={finishSandboxStepAction.bind(null, reference, 'fail')}>
          <button
            type="submit"
            className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-800"
          >
            Fail the check
          </button>
        </form>
      </div>
    </div>
  );
}
