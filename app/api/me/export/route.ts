import { getCustomerSession } from '@/lib/auth/customer-auth';
import { myData, myDataCsv } from '@/lib/customers/my-data';
import { clientIpFrom } from '@/lib/request/client-ip';

/** The signed-in customer's data, as JSON or CSV (anyone else gets a 404). */
export async function GET(request: Request) {
  const customer = await getCustomerSession();
  if (!customer) return new Response('Not found', { status: 404 });
  const format = new URL(request.url).searchParams.get('format') === 'csv' ? 'csv' : 'json';
  const data = await myData(customer.customerId, clientIpFrom(request.headers));
  const body = format === 'csv' ? myDataCsv(data) : `${JSON.stringify(data, null, 2)}\n`;
  return new Response(body, {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="my-bill-pay-data.${format}"`,
      'cache-control': 'no-store',
    },
  });
}
