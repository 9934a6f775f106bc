import { databaseAnswers } from '@/lib/db';

/** For load balancers: 200 when the app and its database answer, 503 otherwise. */
export async function GET() {
  if (await databaseAnswers())
    return Response.json({ status: 'ok', database: 'up' }, { headers: { 'cache-control': 'no-store' } });
  return Response.json(
    { status: 'unavailable', database: 'down' },
    { status: 503, headers: { 'cache-control': 'no-store' } },
  );
}
