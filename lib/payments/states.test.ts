import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canMove,
  IN_FLIGHT_STATUSES,
  isInFlight,
  isOpen,
  OPEN_STATUSES,
  reservesBill,
  PAYMENT_STATUSES,
  paymentPage,
  statusesBefore,
  statusLabel,
  unfinishedReceipt,
  TRANSITIONS,
} from './states';

const ALLOWED = new Set([
  'CREATED>CREATED', // a new amount
  'CREATED>AWAITING_OTP',
  'CREATED>CANCELLED',
  'CREATED>EXPIRED',
  'AWAITING_OTP>CREATED', // a new amount kills the code
  'AWAITING_OTP>AWAITING_OTP', // a resend
  'AWAITING_OTP>PROCESSING', // the right code: reserved, to the processor
  'AWAITING_OTP>FAILED', // the bill was paid meanwhile
  'AWAITING_OTP>CANCELLED',
  'AWAITING_OTP>EXPIRED',
  'PROCESSING>PROCESSING', // the processor's reference arrives; a bank debit on its way
  'PROCESSING>REQUIRES_ACTION',
  'PROCESSING>COMPLETED',
  'PROCESSING>FAILED',
  'REQUIRES_ACTION>PROCESSING', // the extra step done, a bank still deciding
  'REQUIRES_ACTION>COMPLETED',
  'REQUIRES_ACTION>FAILED',
  'COMPLETED>RETURNED', // a bank debit taken back after it settled
]);

describe('the payment state machine', () => {
  it('allows exactly the moves in its table, and refuses every other', () => {
    for (const from of PAYMENT_STATUSES) {
      for (const to of PAYMENT_STATUSES)
        expect(canMove(from, to), `${from} -> ${to}`).toBe(ALLOWED.has(`${from}>${to}`));
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...PAYMENT_STATUSES].sort());
  });

  it('reaches the processor only from an open payment, and has no way out of a final one', () => {
    expect(statusesBefore('PROCESSING').filter((s) => !isInFlight(s))).toEqual(['AWAITING_OTP']);
    for (const to of ['CREATED', 'AWAITING_OTP', 'CANCELLED', 'EXPIRED'] as const)
      expect(statusesBefore(to).every(isOpen)).toBe(true);
    expect(PAYMENT_STATUSES.filter((s) => TRANSITIONS[s].length > 0)).toEqual([
      ...OPEN_STATUSES,
      ...IN_FLIGHT_STATUSES,
      'COMPLETED',
    ]);
    expect(TRANSITIONS.COMPLETED).toEqual(['RETURNED']);
  });

  it('counts on the bill exactly the payments in flight or completed', () => {
    expect(PAYMENT_STATUSES.filter(reservesBill)).toEqual(['PROCESSING', 'REQUIRES_ACTION', 'COMPLETED']);
  });

  it('gives each state its page and its label', () => {
    expect(paymentPage('p1', 'CREATED')).toBe('/payments/p1/review');
    expect(paymentPage('p1', 'AWAITING_OTP')).toBe('/payments/p1/authorize');
    for (const s of ['PROCESSING', 'REQUIRES_ACTION', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED', 'RETURNED'])
      expect(paymentPage('p1', s)).toBe('/payments/p1');
    for (const locale of ['en-US', 'es-US'] as const) {
      const labels = PAYMENT_STATUSES.map((status) => statusLabel(status, locale));
      expect(new Set(labels).size).toBe(PAYMENT_STATUSES.length);
      expect(labels).not.toContain(expect.stringMatching(/^[A-Z_]+$/)); // every status has a label
    }
    expect(statusLabel('COMPLETED', 'es-US')).toBe('Pagado');
  });

  it('explains an unfinished payment in the page language, the decline reason by its code', () => {
    const declined = { code: 'card_declined', message: 'Your card was declined. Nothing was charged.' };
    expect(unfinishedReceipt('FAILED', declined, 'es-US')).toEqual({
      pending: false,
      title: 'Pago rechazado',
      message: 'Su tarjeta fue rechazada. No se cobró nada. Pruebe con otra tarjeta o pague desde su cuenta bancaria.',
    });
    // A code without a message of ours: the processor's words in English, the general text in Spanish.
    const unknown = { code: 'do_not_honor_42', message: 'The bank said no.' };
    expect(unfinishedReceipt('FAILED', unknown, 'en-US').message).toBe('The bank said no.');
    expect(unfinishedReceipt('FAILED', unknown, 'es-US').message).toBe('El pago no se realizó. No se cobró nada.');
    expect(unfinishedReceipt('RETURNED', { code: 'insufficient_funds', message: 'Returned.' }, 'es-US')).toMatchObject({
      title: 'Su banco devolvió el pago',
    });
    for (const status of ['PROCESSING', 'REQUIRES_ACTION', 'EXPIRED', 'CANCELLED', 'AWAITING_OTP'])
      expect(unfinishedReceipt(status, { code: null, message: null }, 'es-US').title).not.toMatch(/Payment|Your/);
  });
});

// Nothing else decides what a payment status means: no comparison with one, no list of them,
// no label map, outside lib/payments/states.ts (tests and migrations aside). Text-message and
// code statuses share some names (FAILED, EXPIRED, CREATED), and refund statuses FAILED, so lines about
// those are not counted.
describe('payment statuses outside the state machine', () => {
  const STATUS = '(CREATED|AWAITING_OTP|PROCESSING|REQUIRES_ACTION|COMPLETED|FAILED|CANCELLED|EXPIRED|RETURNED)';
  const forbidden = [
    { rule: 'a comparison with a status', pattern: new RegExp(`[!=]==\\s*'${STATUS}'`) },
    { rule: 'a list of statuses', pattern: new RegExp(`'${STATUS}'\\s*,\\s*'${STATUS}'`) },
    { rule: 'a label map', pattern: new RegExp(`\\b${STATUS}:\\s*'`) },
  ];
  const NOT_PAYMENTS =
    /SENT|DELIVERED|UNDELIVERED|DEAD|QUEUED|SENDING|SUCCEEDED|recordOtpEvent|OtpEvent|type: '|: 'Code /;

  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return sources(full);
      return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
    });
  }

  it('are not compared, listed or labelled anywhere else', () => {
    const found: string[] = [];
    for (const file of [...sources('app'), ...sources('components'), ...sources('lib')]) {
      if (file === path.join('lib', 'payments', 'states.ts')) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (NOT_PAYMENTS.test(line)) return;
          for (const { rule, pattern } of forbidden)
            if (pattern.test(line)) found.push(`${file}:${i + 1} ${rule}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
