import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { listSavedMethods, methodLabel } from '@/lib/payments/methods';
import { makeDefaultMethodAction, removeMethodAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('methods'))('title') };
}

export default async function MethodsPage() {
  const { customerId } = await requireCustomer('/methods');
  const [methods, t, tPay] = await Promise.all([
    listSavedMethods(customerId),
    getTranslations('methods'),
    getTranslations('pay'),
  ]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      {methods.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white px-4 py-3">{t('none')}</p>
      ) : (
        <ul className="space-y-3">
          {methods.map((method) => (
            <li
              key={method.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4"
              aria-label={methodLabel(method)}
            >
              <div>
                <p className="font-semibold">{methodLabel(method)}</p>
                <p className="text-sm text-slate-600">
                  {method.type === 'CARD'
                    ? tPay('cardExpires', { expiry: `${method.expMonth}/${String(method.expYear).slice(-2)}` })
                    : tPay('bankAccount')}
                  {method.isDefault ? ` · ${t('default')}` : ''}
                </p>
              </div>
              <div className="flex gap-4">
                {method.isDefault ? null : (
                  <form action={makeDefaultMethodAction.bind(null, method.id)}>
                    <button type="submit" className="font-semibold text-brand-800 underline">
                      {t('makeDefault')}
                    </button>
                  </form>
                )}
                <form action={removeMethodAction.bind(null, method.id)}>
                  <button type="submit" className="font-semibold text-red-800 underline">
                    {t('remove')}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Link href="/bills" className="inline-block font-semibold text-brand-800 underline">
        {t('back')}
      </Link>
    </div>
  );
}
