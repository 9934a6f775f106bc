import { describe, expect, it } from 'vitest';
import { waitText } from './index';

describe('a wait, as every limit says it', () => {
  it('reads as seconds, minutes or hours, never "1 minutes"', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(30_000)).toBe('30 seconds');
    expect(waitText(89_000)).toBe('89 seconds');
    expect(waitText(90_000)).toBe('2 minutes');
    expect(waitText(15 * 60_000)).toBe('15 minutes');
    expect(waitText(89 * 60_000)).toBe('89 minutes');
    expect(waitText(24 * 3600_000)).toBe('24 hours');
  });
});
