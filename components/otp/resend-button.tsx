'use client';

import { useTranslations } from 'next-intl';

import { useSecondsLeft, formatSeconds } from './countdown';

/**
 * "Send a new code" with a visible countdown until the resend limit allows it. Screen readers hear
 * the wait when the page loads, every 15 seconds, and when the button becomes available; not a
 * number every second.
 */
export function ResendButton({ availableAt, initialSeconds }: { availableAt: string; initialSeconds: number }) {
  const t = useTranslations('code');
  const left = useSecondsLeft(availableAt, initialSeconds);
  const announced = left === 0 ? t('resendNow') : t('resendLater', { seconds: Math.ceil(left / 15) * 15 });
  return (
    <div className="space-y-1">
      <button
        type="submit"
        disabled={left > 0}
        className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-600"
      >
        {left > 0 ? t('resendIn', { time: formatSeconds(left) }) : t('resend')}
      </button>
      <p className="sr-only" aria-live="polite">
        {announced}
      </p>
    </div>
  );
}
