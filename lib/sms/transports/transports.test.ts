import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGateway, startFakeTwilio } from '@/test/fakes/sms-providers';
import { httpTransport } from './http';
import { outboxTransport } from './outbox';
import { twilioTransport } from './twilio';
import { TransportError, type SmsTransport } from './types';

const SECRET = 'gateway-secret-'.padEnd(40, 'x');
let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
let gateway: Awaited<ReturnType<typeof startFakeGateway>>;

beforeAll(async () => {
  twilio = await startFakeTwilio();
  gateway = await startFakeGateway(SECRET);
});
afterAll(async () => {
  await twilio.close();
  await gateway.close();
});

type Harness = {
  name: string;
  make: () => SmsTransport;
  /** What the provider received for a message id, or null for the outbox (nothing leaves). */
  receivedFor: (id: string) => { to: string; text: string } | null | undefined;
  failNext?: (n: number, status: number) => void;
};

const harnesses: Harness[] = [
  { name: 'outbox', make: () => outboxTransport, receivedFor: () => null },
  {
    name: 'twilio',
    make: () =>
      twilioTransport({
        accountSid: 'AC00000000000000000000000000000000',
        authToken: 'token',
        messagingServiceSid: 'MG123',
        apiBaseUrl: twilio.url,
        statusCallbackUrl: 'https://pay.example.com/api/sms/twilio/status',
      }),
    receivedFor: (id) => {
      const hit = twilio.received.find((m) => m.body.includes(id));
      return hit && { to: hit.to, text: hit.body };
    },
    failNext: (n, status) => Object.assign(twilio.behaviour, { failNext: n, failStatus: status }),
  },
  {
    name: 'http',
    make: () => httpTransport({ url: gateway.url, secret: SECRET }),
    receivedFor: (id) => gateway.delivered.get(id),
    failNext: (n, status) => Object.assign(gateway.behaviour, { failNext: n, failStatus: status }),
  },
];

describe.each(harnesses)('the $name transport', (h) => {
  it('hands a message to the provider, exactly as given', async () => {
    const id = crypto.randomUUID();
    const handOff = await h.make().send({ id, to: '+12015550123', text: `Your code ${id}` });
    expect(['SENT', 'DELIVERED']).toContain(handOff.status);
    const received = h.receivedFor(id);
    if (received !== null) {
      expect(received).toEqual({ to: '+12015550123', text: `Your code ${id}` });
      expect(handOff.providerMessageId).toBeTruthy();
    }
  });

  it('reports a provider outage as a retryable TransportError, and a refusal as permanent', async () => {
    if (!h.failNext) return expect(h.make().keepsText).toBe(true); // the outbox cannot fail
    h.failNext(1, 503);
    const outage = await h
      .make()
      .send({ id: crypto.randomUUID(), to: '+12015550123', text: 'x' })
      .catch((e: unknown) => e);
    expect(outage).toBeInstanceOf(TransportError);
    expect((outage as TransportError).permanent).toBe(false);
    h.failNext(1, 400);
    const refusal = await h
      .make()
      .send({ id: crypto.randomUUID(), to: '+12015550123', text: 'x' })
      .catch((e: unknown) => e);
    expect((refusal as TransportError).permanent).toBe(true);
  });
});

describe('provider specifics', () => {
  it('twilio sends the messaging service and status callback', async () => {
    const id = crypto.randomUUID();
    await harnesses[1]!.make().send({ id, to: '+12015550123', text: id });
    const last = twilio.received.at(-1)!;
    expect(last.messagingServiceSid).toBe('MG123');
    expect(last.statusCallback).toBe('https://pay.example.com/api/sms/twilio/status');
  });

  it('the http gateway is signed and deduplicates by Idempotency-Key', async () => {
    const id = crypto.randomUUID();
    const transport = httpTransport({ url: gateway.url, secret: SECRET });
    await transport.send({ id, to: '+12015550123', text: 'once' });
    const dropped = gateway.duplicatesDropped();
    await transport.send({ id, to: '+12015550123', text: 'once' });
    expect(gateway.duplicatesDropped()).toBe(dropped + 1);
    const forged = httpTransport({ url: gateway.url, secret: 'wrong-secret'.padEnd(40, 'y') });
    await expect(forged.send({ id: crypto.randomUUID(), to: '+12015550123', text: 'x' })).rejects.toThrow(/401/);
  });
});
