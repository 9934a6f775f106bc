'use client';

import { useEffect, useState } from 'react';
import type { FormState } from '@/lib/validation/form-state';

/**
 * Seconds left before a form may be sent again, when its last answer was "wait N seconds" (a send
 * limit), counting down to 0 once a second.
 */
export function useRetryWait(state: FormState): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (state.status !== 'error' || !state.retryAfterSeconds) return;
    const until = Date.now() + state.retryAfterSeconds * 1000;
    const tick = () => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [state]);
  return left;
}
