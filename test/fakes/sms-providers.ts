import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Behaviour = { failNext: number; failStatus: number; delayMs: number };

function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** A local stand-in for Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json). */
export async function startFakeTwilio() {
  const behaviour: Behaviour = { failNext: 0, failStatus: 500, delayMs: 0 };
  const received: Array<{
    to: string;
    body: string;
    from?: string;
    messagingServiceSid?: string;
    statusCallback?: string;
    sid: string;
  }> = [];
  let requests = 0;
  /** Line types the lookup answers with, by number (anything else is "mobile"). */
  const lineTypes = new Map<string, string>();
  const lookups: string[] = [];
  const { server, url } = await listen(async (req, res) => {
    requests++;
    const form = new URLSearchParams(await readBody(req));
    if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    const lookup = /^\/v2\/PhoneNumbers\/([^/?]+)/.exec(req.url ?? '');
    if (lookup && req.method === 'GET') {
      // Lookup v2 with line_type_intelligence, as Twilio answers it.
      const number = decodeURIComponent(lookup[1]!);
      lookups.push(number);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          phone_number: number,
          valid: true,
          country_code: 'US',
          line_type_intelligence: {
            type: lineTypes.get(number) ?? 'mobile',
            carrier_name: 'Fake Wireless',
            error_code: null,
          },
        }),
      );
      return;
    }
    if (!/^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.test(req.url ?? '') || req.method !== 'POST') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 20404, message: 'Not found', status: 404 }));
      return;
    }
    if (behaviour.failNext > 0) {
      behaviour.failNext--;
      res
        .writeHead(behaviour.failStatus, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 20500, message: 'Internal error', status: behaviour.failStatus }));
      return;
    }
    const sid = `SM${String(received.length + 1).padStart(32, '0')}`;
    received.push({
      to: form.get('To')!,
      body: form.get('Body')!,
      from: form.get('From') ?? undefined,
      messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
      statusCallback: form.get('StatusCallback') ?? undefined,
      sid,
    });
    res
      .writeHead(201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ sid, status: 'queued', to: form.get('To'), body: form.get('Body') }));
  });
  return {
    url,
    received,
    behaviour,
    lineTypes,
    lookups,
    requests: () => requests,
    close: () => new Promise((r) => server.close(r)),
  };
}

/**
 * A utility's own SMS gateway as the HTTP transport expects it: checks the signature and honours
 * Idempotency-Key (a repeat is answered, not delivered again).
 */
export async function startFakeGateway(secret: string) {
  const behaviour: Behaviour = { failNext: 0, failStatus: 503, delayMs: 0 };
  const delivered = new Map<string, { to: string; text: string }>();
  const refusedSignatures: string[] = [];
  let requests = 0;
  let duplicatesDropped = 0;
  const { server, url } = await listen(async (req, res) => {
    requests++;
    const body = await readBody(req);
    const timestamp = String(req.headers['x-utilitypay-timestamp']);
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
    if (req.headers['x-utilitypay-signature'] !== expected) {
      refusedSignatures.push(body);
      res.writeHead(401).end();
      return;
    }
    if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    if (behaviour.failNext > 0) {
      behaviour.failNext--;
      res.writeHead(behaviour.failStatus).end();
      return;
    }
    const key = String(req.headers['idempotency-key']);
    const message = JSON.parse(body) as { id: string; to: string; text: string };
    if (delivered.has(key)) duplicatesDropped++;
    else delivered.set(key, { to: message.to, text: message.text });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${key}` }));
  });
  return {
    url,
    delivered,
    behaviour,
    refusedSignatures,
    requests: () => requests,
    duplicatesDropped: () => duplicatesDropped,
    close: () => new Promise((r) => server.close(r)),
  };
}
