// A stand-in for Prisma's native `schema-engine` binary that runs Prisma's own wasm build of the
// schema engine (@prisma/schema-engine-wasm) over @prisma/adapter-pg. The Prisma CLI spawns it
// through PRISMA_SCHEMA_ENGINE_BINARY (set in prisma.config.ts) and speaks the binary's protocol:
//   --version                                   -> prints the engine version
//   --datasource JSON cli <command>             -> can-connect-to-database | create-database | drop-database
//   [--datamodels PATH]... [--datasource JSON]  -> JSON-RPC 2.0, one object per line on stdin/stdout
// Why each workaround exists is in README.md beside this file.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import * as engineModule from '@prisma/schema-engine-wasm/schema_engine_bg';

const PG_CHAR_OID = 18; // Postgres' internal one-byte "char" type, used by the catalogs.
const PG_TEXT_OID = 25;

function loadEngine() {
  const dir = path.dirname(fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm')));
  const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': engineModule });
  engineModule.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return engineModule;
}

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--version' || a === '-V') args.version = true;
    else if (a === '--datamodels') args.datamodels.push(argv[++i]);
    else if (a === '--datasource') args.datasource = JSON.parse(argv[++i]);
    else if (a === '--enabled-preview-features' || a === '--extension-types') i++;
    else if (a === 'cli') args.cli = argv[++i];
  }
  return args;
}

// adapter-pg cannot describe "char" columns (it throws UnsupportedNativeDataType), and the engine's
// catalog queries return them. Read them as text, then report the column as Character, which is
// what the engine expects (reporting Text makes it panic on PostgreSQL 18).
function withCharColumns(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  const queryRaw = queryable.queryRaw.bind(queryable);
  const charColumns = new WeakMap();
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const indexes = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(i);
      }
    });
    if (indexes.length > 0) charColumns.set(query, indexes);
    return result;
  };
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  if (typeof queryable.executeScript === 'function') {
    // adapter-pg splits scripts on every ";", which breaks dollar-quoted function bodies. Like the
    // native engine, send the whole script as one simple-protocol query.
    queryable.executeScript = async (script) => {
      try {
        await queryable.client.query(script);
      } catch (error) {
        queryable.onError(error);
      }
    };
  }
  if (typeof queryable.startTransaction === 'function') {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...a) => withCharColumns(await startTransaction(...a));
  }
  return queryable;
}

// PrismaPg's own connectToShadowDb lets the connection string override the shadow database's name
// (so it would migrate the main database) and drops the database before closing its pool. This one
// names the shadow database in the URL and drops it (WITH FORCE) after its pool is closed.
function migrationAwareFactory(url) {
  const main = new PrismaPg({ connectionString: url });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => withCharColumns(await main.connect()),
    connectToShadowDb: async () => {
      const admin = await main.connect();
      const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadow = withCharColumns(await new PrismaPg({ connectionString: shadowUrl.toString() }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}

// --- `cli` subcommands: errors are JSON log lines on stderr, as the native binary writes them. The
// CLI skips the first stderr line, so a plain info line comes first.
function cliError(code, message) {
  process.stderr.write(
    `${JSON.stringify({ level: 'INFO', target: 'schema_engine::bridge', fields: { message: 'schema engine bridge' } })}\n`,
  );
  process.stderr.write(
    `${JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { error_code: code, message } })}\n`,
  );
  process.exit(1);
}

function describePgError(error, url) {
  const u = new URL(url);
  const db = decodeURIComponent(u.pathname.slice(1)) || 'postgres';
  if (error.code === '3D000')
    return ['P1003', `Database \`${db}\` does not exist on the database server at \`${u.host}\`.`];
  if (error.code === '28P01' || error.code === '28000')
    return ['P1000', `Authentication failed against database server at \`${u.host}\`.`];
  if (error.code === '42P04')
    return ['P1009', `Database \`${db}\` already exists on the database server at \`${u.host}\`.`];
  return ['P1001', `Can't reach database server at \`${u.host}\`: ${error.message}`];
}

async function runCli(command, url) {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: command === 'can-connect-to-database' ? url : maintenance.toString(),
  });
  try {
    await client.connect();
    if (command === 'create-database') await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    else if (command === 'drop-database')
      await client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`);
    else if (command !== 'can-connect-to-database') cliError('P1012', `Unknown schema engine command: ${command}`);
  } catch (error) {
    cliError(...describePgError(error, url));
  } finally {
    await client.end().catch(() => {});
  }
}

// --- JSON-RPC mode.
async function runRpc(args) {
  const { SchemaEngine } = loadEngine();
  const url = args.datasource?.url ?? process.env.DATABASE_URL;
  const datamodels = args.datamodels.map((p) => [p, fs.readFileSync(p, 'utf8')]);
  const log = (line) => process.stderr.write(`${line}\n`);
  const factory = bindMigrationAwareSqlAdapterFactory(migrationAwareFactory(url));
  const engine = await SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, log, factory);

  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const pendingPrints = new Map();
  let nextPrintId = 1_000_000;
  // The native engine prints a human-readable diff by calling back the CLI's `print` method; the
  // wasm engine returns it as text instead.
  const print = (content) =>
    new Promise((resolve) => {
      const id = nextPrintId++;
      pendingPrints.set(id, resolve);
      send({ jsonrpc: '2.0', id, method: 'print', params: { content } });
    });

  const methods = {
    getDatabaseVersion: () => engine.version(),
    diff: async (params) => {
      const result = await engine.diff(params);
      if (result.stdout) await print(result.stdout.replace(/\n$/, ''));
      return { exitCode: result.exitCode };
    },
  };

  let queue = Promise.resolve();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on('line', (line) => {
    if (!line.trim()) return;
    const message = JSON.parse(line);
    if (message.method === undefined) {
      pendingPrints.get(message.id)?.();
      pendingPrints.delete(message.id);
      return;
    }
    // The native engine answers one request at a time; so does this one.
    queue = queue.then(async () => {
      try {
        const call = methods[message.method] ?? ((params) => engine[message.method](params ?? {}));
        const result = await call(message.params);
        send({ jsonrpc: '2.0', id: message.id, result: result ?? {} });
      } catch (error) {
        const messageText = error?.message ?? String(error);
        const isPanic = error instanceof WebAssembly.RuntimeError || /panicked/.test(messageText);
        send({
          jsonrpc: '2.0',
          id: message.id,
          error: {
            code: 4466,
            message: 'An error happened. Check the data field for details.',
            data: {
              is_panic: isPanic,
              message: messageText,
              error_code: error?.error_code ?? error?.code,
              meta: error?.meta ?? {},
            },
          },
        });
        if (isPanic) process.exit(101);
      }
    });
  });
  input.on('close', () => queue.then(() => process.exit(0)));
}

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  process.stdout.write(`schema-engine-cli ${loadEngine().version()} (wasm bridge)\n`);
} else if (args.cli) {
  await runCli(args.cli, args.datasource?.url ?? process.env.DATABASE_URL);
} else {
  await runRpc(args);
}
