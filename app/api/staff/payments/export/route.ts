import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { todayIn } from '@/lib/clock/days';
import { getStaffSession } from '@/lib/auth/staff-auth';
import { clientIpFrom } from '@/lib/request/client-ip';
import { exportPaymentsCsv } from '@/lib/payments/export-payments';
import { FilterError } from '@/lib/payments/list-payments';
import { requireUtility } from '@/lib/utility';
import { parsePaymentFilters } from '@/lib/validation/payment-filters';

/** The filtered payments as a streamed CSV download (staff only; anyone else gets a 404). */
export async function GET(request: Request) {
  const staff = await getStaffSession();
  if (!staff) return new Response('Not found', { status: 404 });
  const parsed = parsePaymentFilters(new URL(request.url).searchParams);
  if (!parsed.success) return new Response(parsed.error.issues.map((i) => i.message).join(' '), { status: 400 });
  const { cursor: _cursor, ...filters } = parsed.data;
  const utility = await requireUtility();
  await audit({
    actorType: 'STAFF',
    actorId: staff.staffId,
    action: 'staff.exported_payments',
    clientIp: clientIpFrom(request.headers),
    details: filters,
  });

  const rows = exportPaymentsCsv(filters, utility.timeZone);
  let first: string;
  try {
    first = (await rows.next()).value as string;
  } catch (error) {
    if (error instanceof FilterError) return new Response(error.userMessage, { status: 400 });
    throw error;
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(first));
    },
    async pull(controller) {
      const { value, done } = await rows.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
  const stamp = todayIn(utility.timeZone, clock.now());
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="payments-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
