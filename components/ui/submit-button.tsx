'use client';

import { useTranslations } from 'next-intl';

import { useFormStatus } from 'react-dom';

/** Disabled while its form is submitting, so a double click sends one request. */
export function SubmitButton({
  children,
  pendingText,
  variant = 'primary',
  ...rest
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: 'primary' | 'secondary';
} & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending } = useFormStatus();
  const t = useTranslations('ui');
  const style =
    variant === 'primary'
      ? 'bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-500'
      : 'border border-slate-400 bg-white text-brand-800 hover:bg-brand-50 disabled:text-slate-500';
  return (
    <button
      type="submit"
      disabled={pending || rest.disabled}
      aria-disabled={pending || rest.disabled}
      className={`w-full rounded-md px-4 py-3 text-lg font-semibold shadow-sm focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:w-auto ${style}`}
      {...rest}
    >
      {pending ? (pendingText ?? t('working')) : children}
    </button>
  );
}
