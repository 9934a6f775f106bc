import { audit } from '@/lib/audit';
import { getStaffSession } from '@/lib/auth/staff-auth';
import { clientIpFrom } from '@/lib/request/client-ip';
import { settlementCsv, settlementReport } from '@/lib/reports/settlement';
import { requireUtility } from '@/lib/utility';
import { SettlementRangeSchema } from '@/lib/validation/settlement-range';

/** The settlement report as CSV (staff only; anyone else gets a 404). */
export async function GET(request: Request) {
  const staff = await getStaffSession();
  if (!staff) return new Response('Not found', { status: 404 });
  const params = new URL(request.url).searchParams;
  const range = SettlementRangeSchema.safeParse({ from: params.get('from'), to: params.get('to') });
  if (!range.success) return new Response(range.error.issues.map((i) => i.message).join(' '), { status: 400 });
  const utility = await requireUtility();
  await audit({
    actorType: 'STAFF',
    actorId: staff.staffId,
    action: 'staff.exported_settlement',
    clientIp: clientIpFrom(request.headers),
    details: range.data,
  });
  const csv = settlementCsv(await settlementReport(utility.timeZone, range.data.from, range.data.to));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="settlement-${range.data.from}-to-${range.data.to}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
