import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { formatInstant } from '@/lib/clock/format';
import { formatMoney } from '@/lib/money';
import { listCustomerPayments } from '@/lib/payments/get-customer-payment';
import { requireUtility } from '@/lib/utility';
import { isCompleted, statusLabel } from '@/lib/payments/states';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('history'))('title') };
}

export default async function PaymentHistoryPage() {
  const { customerId } = await requireCustomer('/payments');
  const [payments, utility, t, locale] = await Promise.all([
    listCustomerPayments(customerId),
    requireUtility(),
    getTranslations('history'),
    requestLocale(),
  ]);
  const timeZone = utility.timeZone;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {payments.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-5">{t('none')}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t('list')}>
          {payments.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-4">
              <div>
                <p className="font-semibold">
                  {t('line', { amount: formatMoney(p.amountCents, p.currency, locale), account: p.accountMasked })}
                </p>
                <p className="text-sm text-slate-600">
                  {formatInstant(p.completedAt ?? p.createdAt, timeZone, { locale })} · {statusLabel(p.status, locale)}
                  {isCompleted(p.status) ? ` · ${t('confirmation', { number: p.confirmationNumber })}` : null}
                </p>
              </div>
              <Link href={`/payments/${p.id}`} className="font-semibold text-brand-800 underline">
                {isCompleted(p.status) ? t('receipt') : t('details')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
