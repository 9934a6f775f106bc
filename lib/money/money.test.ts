import { describe, expect, it } from 'vitest';
import { centsToDecimalString, formatMoney, parseAmountToCents } from './index';

describe('parseAmountToCents', () => {
  it.each([
    ['42', 4200],
    ['42.5', 4250],
    ['42.50', 4250],
    ['$1,042.07', 104207],
    [' 0.99 ', 99],
    ['.5', 50],
    ['0.1', 10],
    ['999999.99', 99999999],
  ])('reads %j as %i cents exactly', (typed, cents) => {
    expect(parseAmountToCents(typed)).toBe(cents);
  });

  it.each(['', 'abc', '1.234', '-5', '1e3', '12.3.4', '1,23', '$', '0x10', '٣'])('refuses %j', (typed) => {
    expect(parseAmountToCents(typed)).toBeNull();
  });

  it('never goes through floating point (0.1 + 0.2 style errors)', () => {
    for (let cents = 0; cents < 100_000; cents += 7)
      expect(parseAmountToCents(centsToDecimalString(cents))).toBe(cents);
  });
});

describe('formatting', () => {
  it('shows dollars and plain decimals', () => {
    expect(formatMoney(104207)).toBe('$1,042.07');
    expect(centsToDecimalString(5)).toBe('0.05');
  });
});
