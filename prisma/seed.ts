import { createDb } from '@/lib/db/client';
import { seedDemoData } from '@/lib/db/demo-data';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set.');
  process.exit(1);
}
const db = createDb(url, 2);
await seedDemoData(db);
await db.$disconnect();
console.log('Demo data is in place.');
