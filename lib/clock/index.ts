/**
 * The app's one source of "now". Every time rule (code lifetime, rate-limit windows, session
 * idleness) reads it, so tests can move time with `vi.spyOn(clock, 'now')`.
 */
export const clock = {
  now: (): Date => new Date(),
};
