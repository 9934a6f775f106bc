import 'server-only';
import { notFound } from 'next/navigation';
import { requireCustomer } from '@/lib/auth/require-customer';
import { getCustomerPayment } from '@/lib/payments/get-customer-payment';
import { clientIp } from '@/lib/request/client-ip';
import { requireUtility } from '@/lib/utility';

/** A payment page's data: the signed-in customer's payment (else 404, audited) and the utility. */
export async function loadCustomerPayment(paymentId: string, page: '' | '/review' | '/authorize') {
  const { customerId } = await requireCustomer(`/payments/${paymentId}${page}`);
  const [payment, utility] = await Promise.all([
    getCustomerPayment(customerId, paymentId, await clientIp()),
    requireUtility(),
  ]);
  if (!payment || !utility) notFound();
  return { payment, utility };
}
