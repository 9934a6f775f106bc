import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { requirePayer } from '@/lib/auth/require-payer';
import { getCustomerPayment } from '@/lib/payments/get-customer-payment';
import { paymentPage } from '@/lib/payments/states';
import { clientIp } from '@/lib/request/client-ip';
import { requireUtility } from '@/lib/utility';

/**
 * A payment page's data: the payer's payment (the signed-in customer's, or the one a one-time
 * payer's pass started; else 404, audited), the utility, and where its links go. The
 * review and code pages send a payment in another state to its own page (lib/payments/states.ts).
 */
export async function loadCustomerPayment(paymentId: string, page: '' | '/review' | '/authorize') {
  const { customerId, guestAccountId } = await requirePayer(paymentId, `/payments/${paymentId}${page}`);
  const [payment, utility] = await Promise.all([
    getCustomerPayment(customerId, paymentId, await clientIp()),
    requireUtility(),
  ]);
  if (!payment) notFound();
  const own = paymentPage(paymentId, payment.status);
  // A form posted without JavaScript renders this page again with its action's answer (the code
  // went through: a link to the receipt). A redirect here would be a 307, which the browser follows
  // by posting the form again, to a page that does not know its action.
  if (page !== '' && own !== `/payments/${paymentId}${page}` && !(await isFormPost())) redirect(own);
  // Where "pay again" and "back" go: a one-time payer has no bills page.
  const links = guestAccountId
    ? { guest: true, pay: '/pay/bill', home: '/' }
    : { guest: false, pay: `/bills/${payment.billId}/pay`, home: '/bills' };
  return { payment, utility, links };
}

async function isFormPost(): Promise<boolean> {
  const type = (await headers()).get('content-type') ?? '';
  return type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded');
}
