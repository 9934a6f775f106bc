'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

function secondsUntil(iso: string): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - Date.now()) / 1000));
}

export function formatSeconds(total: number): string {
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Seconds left until `until`, ticking once a second (the server renders the first value). */
export function useSecondsLeft(until: string, initial: number): number {
  const [left, setLeft] = useState(initial);
  useEffect(() => {
    const tick = () => setLeft(secondsUntil(until));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return left;
}

/** "The code expires in 4:12." */
export function ExpiryNotice({ expiresAt, initialSeconds }: { expiresAt: string; initialSeconds: number }) {
  const t = useTranslations('code');
  const left = useSecondsLeft(expiresAt, initialSeconds);
  return <span>{left > 0 ? t('expiresIn', { time: formatSeconds(left) }) : t('expired')}</span>;
}
