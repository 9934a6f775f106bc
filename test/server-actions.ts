// Calling a server action over HTTP the way the browser does: the action's id (from the build's
// manifest), the Next-Action header, and the arguments encoded with React's own encodeReply.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-turbopack/client.node.js') as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

/** The id of server action `exportedName` in `file` (e.g. "app/(auth)/actions.ts") in the last build. */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.resolve('.next/server/server-reference-manifest.json'), 'utf8'),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${file} (build the app first)`);
  return found[0];
}

/** Headers and body of a call to action `id` with `args` (bound arguments first, as the browser sends them). */
export async function actionRequest(
  id: string,
  args: unknown[],
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const request = new Request('http://localhost/', { method: 'POST', body: await encodeReply(args) });
  return {
    headers: { 'next-action': id, accept: 'text/x-component', 'content-type': request.headers.get('content-type')! },
    body: Buffer.from(await request.arrayBuffer()),
  };
}
