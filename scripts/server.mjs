// The app's HTTP server (`npm run serve`, and under `npm start`, the tests, bench and load): Next.js
// behind a few lines of Node's http, for one reason Next alone cannot serve. Next fills
// `x-forwarded-for` with the socket's address only when the client sent none, so a client talking
// to the app directly can name any address it likes and dodge the per-address limits. Here every
// request carries `x-utilitypay-socket-address`, the address of the connection itself; whatever a
// client sent under that name is replaced. lib/request/client-ip.ts reads it unless a trusted
// proxy header is configured.
//
// Plain JavaScript so production runs it with node alone. Settings: PORT (3000); HOST (where to
// listen: 127.0.0.1 outside production, so the development SMS inbox is not on the network; every
// interface in production); NEXT_DEV=1 runs Next's development server.
import fs from 'node:fs';
import { createServer } from 'node:http';
import { releaseAbortReasonStacks } from './abort-reason-stacks.mjs';

const SOCKET_ADDRESS_HEADER = 'x-utilitypay-socket-address';

const dev = process.env.NEXT_DEV === '1';
process.env.NODE_ENV ??= dev ? 'development' : 'production';
// As lib/env decides it: production unless APP_ENV says otherwise.
const production =
  (process.env.APP_ENV ?? (process.env.NODE_ENV === 'production' ? 'production' : 'development')) === 'production';
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
releaseAbortReasonStacks();
// The configuration `next build` resolved, as Next's own standalone server passes it: without it
// Next compiles next.config.ts again at start, loading its native SWC compiler for that alone
// (27 MiB of the server's resident memory for its whole life). With no build, Next says so itself.
const builtConfig = new URL('../.next/required-server-files.json', import.meta.url);
if (!dev && fs.existsSync(builtConfig)) {
  const { config } = JSON.parse(fs.readFileSync(builtConfig, 'utf8'));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}
const { default: next } = await import('next');

const app = next({ dev, hostname: hostname === '0.0.0.0' ? 'localhost' : hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`▲ Next.js ${dev ? 'development' : 'production'} server on http://${hostname}:${port}`);
});

// No new requests, open ones end; then a moment for the SMS worker's own signal handler to stop it
// (instrumentation.ts), and out.
const stop = () => {
  server.close();
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 500);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
