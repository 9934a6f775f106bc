import { describe, expect, it } from 'vitest';
import { clientAddressFrom, isLocalRequest, SOCKET_ADDRESS_HEADER, UNKNOWN_CLIENT } from './client-ip';

const h = (values: Record<string, string>) => new Headers(values);

describe("the client's address", () => {
  // Audit finding 2: without a trusted proxy header, x-forwarded-for was read as the client sent
  // it: rotating it gave a fresh per-address allowance each time.
  it('without a trusted proxy, is the connection’s: x-forwarded-for is ignored', () => {
    for (const proxy of [undefined, 'none']) {
      expect(
        clientAddressFrom(h({ [SOCKET_ADDRESS_HEADER]: '203.0.113.9', 'x-forwarded-for': '198.51.100.1' }), proxy),
      ).toBe('203.0.113.9');
      expect(clientAddressFrom(h({ [SOCKET_ADDRESS_HEADER]: '::ffff:203.0.113.9' }), proxy)).toBe('203.0.113.9');
      expect(clientAddressFrom(h({ [SOCKET_ADDRESS_HEADER]: '2001:db8::7' }), proxy)).toBe('2001:db8::7');
    }
  });

  it('behind a trusted proxy, is the last address it added', () => {
    expect(
      clientAddressFrom(
        h({ 'x-forwarded-for': '198.51.100.1, 203.0.113.9', [SOCKET_ADDRESS_HEADER]: '10.0.0.2' }),
        'x-forwarded-for',
      ),
    ).toBe('203.0.113.9');
    expect(clientAddressFrom(h({ 'x-real-ip': '203.0.113.9' }), 'x-real-ip')).toBe('203.0.113.9');
  });

  // An empty header or "," gave no address at all, and no address skipped the per-address cap.
  it.each(['', ',', ' , ', 'unknown', 'not an address', '999.1.1.1', '203.0.113.9:443', '<script>'])(
    'is UNKNOWN_CLIENT for %j, never nothing',
    (value) => {
      expect(clientAddressFrom(h({ 'x-forwarded-for': value }), 'x-forwarded-for')).toBe(UNKNOWN_CLIENT);
      expect(clientAddressFrom(h({ [SOCKET_ADDRESS_HEADER]: value }), undefined)).toBe(UNKNOWN_CLIENT);
    },
  );

  it('is UNKNOWN_CLIENT when the header is missing', () => {
    expect(clientAddressFrom(h({}), 'x-forwarded-for')).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFrom(h({}), undefined)).toBe(UNKNOWN_CLIENT);
  });
});

describe('a local request (the development SMS inbox answers only these)', () => {
  // Audit finding 8: the inbox showed every code to anyone who could reach the port.
  it('is one whose connection came from this machine, whatever the headers claim', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.1.1'])
      expect(isLocalRequest(h({ [SOCKET_ADDRESS_HEADER]: address }))).toBe(true);
    for (const address of ['192.0.2.7', '10.0.0.1', '::ffff:192.0.2.7', '', 'localhost'])
      expect(isLocalRequest(h({ [SOCKET_ADDRESS_HEADER]: address, 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
    expect(isLocalRequest(h({ 'x-forwarded-for': '127.0.0.1', host: 'localhost' }))).toBe(false);
  });
});
