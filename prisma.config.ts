import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads a native schema engine on first use; this machine (and many locked-down
// build hosts) cannot. The project ships a bridge to Prisma's own wasm schema engine instead:
// see prisma/schema-engine/README.md. An explicit PRISMA_SCHEMA_ENGINE_BINARY still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'prisma', 'schema-engine', 'schema-engine');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    // `prisma generate` needs no database; every other command is given DATABASE_URL by
    // scripts/start.ts, the test setup or the operator.
    url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/utilitypay',
  },
});
