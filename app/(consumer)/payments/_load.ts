import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { requireCustomer } from '@/lib/auth/require-customer';
import { getCustomerPayment } from '@/lib/payments/get-customer-payment';
import { paymentPage } from '@/lib/payments/states';
import { clientIp } from '@/lib/request/client-ip';
import { requireUtility } from '@/lib/utility';

/**
 * A payment page's data: the signed-in customer's payment (else 404, audited) and the utility. The
 * review and code pages send a payment in another state to its own page (lib/payments/states.ts).
 */
export async function loadCustomerPayment(paymentId: string, page: '' | '/review' | '/authorize') {
  const { customerId } = await requireCustomer(`/payments/${paymentId}${page}`);
  const [payment, utility] = await Promise.all([
    getCustomerPayment(customerId, paymentId, await clientIp()),
    requireUtility(),
  ]);
  if (!payment) notFound();
  const own = paymentPage(paymentId, payment.status);
  if (page !== '' && own !== `/payments/${paymentId}${page}`) redirect(own);
  return { payment, utility };
}
