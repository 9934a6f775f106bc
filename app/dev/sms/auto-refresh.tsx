'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-reads the inbox every few seconds, like a mail catcher. */
export function AutoRefresh({ everyMs = 2000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
