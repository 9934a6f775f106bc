import { db } from '@/lib/db';

/** For load balancers: 200 when the app and its database answer, 503 otherwise. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok', database: 'up' }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return Response.json({ status: 'unavailable', database: 'down' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
}
