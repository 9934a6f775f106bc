import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireCustomer } from '@/lib/auth/require-customer';
import { listCustomerAccounts } from '@/lib/bills/list-customer-accounts';
import { formatBillDate, formatDateIn } from '@/lib/clock/format';
import { formatMoney } from '@/lib/money';
import { requireUtility } from '@/lib/utility';
import { BillBadge } from '../_components/bill-badge';
import { statusLabel } from '@/lib/payments/states';
import { formatPhone } from '@/lib/phone';
import { unlinkAccountAction } from '../accounts/link/actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('bills'))('title') };
}

export default async function BillsPage({
  searchParams,
}: {
  searchParams: Promise<{ linked?: string; unlinked?: string }>;
}) {
  const { customerId, name } = await requireCustomer('/bills');
  const [accounts, utility, { linked, unlinked }, t, tState, locale] = await Promise.all([
    listCustomerAccounts(customerId),
    requireUtility(),
    searchParams,
    getTranslations('bills'),
    getTranslations('billState'),
    requestLocale(),
  ]);
  const currency = utility.currency;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <p className="text-slate-700">{t('signedInAs', { name })}</p>
        </div>
        <Link
          href="/accounts/link"
          className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50"
        >
          {t('linkAnother')}
        </Link>
      </div>
      {linked ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
          {t('linked')}
        </p>
      ) : null}
      {unlinked ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-900">
          {t('unlinked')}
        </p>
      ) : null}
      {accounts.length === 0 ? (
        <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
          <p>{t('none')}</p>
          <Link
            href="/accounts/link"
            className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            {t('linkOne')}
          </Link>
        </div>
      ) : null}
      {accounts.map((account) => {
        const bill = account.currentBill;
        return (
          <section
            key={account.id}
            aria-labelledby={`account-${account.id}`}
            className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`account-${account.id}`} className="text-lg font-semibold">
                {t('account', { account: account.accountMasked })}
              </h2>
              <p className="text-slate-600">{account.serviceAddress}</p>
            </div>
            {bill ? (
              <div className="flex flex-wrap items-center justify-between gap-4 rounded-md bg-slate-50 p-4">
                <div className="space-y-1">
                  <p className="flex items-center gap-2">
                    <span className="text-3xl font-bold" data-testid="balance">
                      {formatMoney(bill.balanceCents, currency, locale)}
                    </span>
                    <BillBadge state={bill.state} />
                  </p>
                  <p className="text-slate-700">
                    {bill.state === 'paid'
                      ? t('nothingToPay')
                      : t('due', { date: formatBillDate(bill.dueDate, locale) })}
                    {bill.amountPaidCents > 0 && bill.state !== 'paid'
                      ? ` · ${t('partlyPaid', {
                          paid: formatMoney(bill.amountPaidCents, currency, locale),
                          due: formatMoney(bill.amountDueCents, currency, locale),
                        })}`
                      : null}
                  </p>
                </div>
                {bill.balanceCents > 0 ? (
                  <Link
                    href={`/bills/${bill.id}/pay`}
                    className="rounded-md bg-brand-700 px-5 py-3 text-lg font-semibold text-white hover:bg-brand-800"
                    aria-label={t('payLabel', { account: account.accountMasked })}
                  >
                    {t('pay')}
                  </Link>
                ) : null}
              </div>
            ) : (
              <p>{t('noBills')}</p>
            )}
            <details className="group">
              <summary className="cursor-pointer font-semibold text-brand-800">{t('history')}</summary>
              <div className="mt-3 grid gap-4 sm:grid-cols-2">
                <table className="w-full text-left text-sm">
                  <caption className="text-left font-semibold">{t('billsCaption')}</caption>
                  <thead>
                    <tr className="text-slate-600">
                      <th scope="col" className="py-1">
                        {t('statement')}
                      </th>
                      <th scope="col">{t('amount')}</th>
                      <th scope="col">{t('status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {account.bills.map((b) => (
                      <tr key={b.id} className="border-t border-slate-200">
                        <td className="py-1">{formatBillDate(b.statementDate, locale)}</td>
                        <td>{formatMoney(b.amountDueCents, currency, locale)}</td>
                        <td>{tState(b.state)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <table className="w-full text-left text-sm">
                  <caption className="text-left font-semibold">{t('paymentsCaption')}</caption>
                  <thead>
                    <tr className="text-slate-600">
                      <th scope="col" className="py-1">
                        {t('date')}
                      </th>
                      <th scope="col">{t('amount')}</th>
                      <th scope="col">{t('status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {account.payments.length === 0 ? (
                      <tr>
                        <td colSpan={3} className="py-1 text-slate-600">
                          {t('noPayments')}
                        </td>
                      </tr>
                    ) : (
                      account.payments.map((p) => (
                        <tr key={p.id} className="border-t border-slate-200">
                          <td className="py-1">
                            <Link href={`/payments/${p.id}`} className="text-brand-800 underline">
                              {formatDateIn(p.completedAt ?? p.createdAt, utility.timeZone, locale)}
                            </Link>
                          </td>
                          <td>{formatMoney(p.amountCents, currency, locale)}</td>
                          <td>{statusLabel(p.status, locale)}</td>
                        </tr>
                      ))
                    )}
                  </tbody>
                </table>
              </div>
            </details>
            <details>
              <summary className="cursor-pointer font-semibold text-brand-800">{t('remove')}</summary>
              <form action={unlinkAccountAction.bind(null, account.id)} className="mt-3 space-y-3">
                <p className="text-slate-700">{t('removeText', { phone: formatPhone(utility.supportPhone) })}</p>
                <button
                  type="submit"
                  className="rounded-md border border-red-700 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
                >
                  {t('removeButton', { account: account.accountMasked })}
                </button>
              </form>
            </details>
          </section>
        );
      })}
    </div>
  );
}
