'use client';

import { useTranslations } from 'next-intl';

export function PrintButton() {
  const t = useTranslations('receipt');
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
    >
      {t('print')}
    </button>
  );
}
