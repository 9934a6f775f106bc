import { useTranslations } from 'next-intl';
import type { BillState } from '@/lib/bills/status';

const STYLES: Record<BillState, string> = {
  due: 'bg-amber-100 text-amber-950 border-amber-300',
  overdue: 'bg-red-100 text-red-900 border-red-300',
  paid: 'bg-green-100 text-green-900 border-green-300',
};

export function BillBadge({ state }: { state: BillState }) {
  const t = useTranslations('billState');
  return (
    <span
      data-testid="bill-state"
      className={`inline-block rounded-full border px-2.5 py-0.5 text-sm font-semibold ${STYLES[state]}`}
    >
      {t(state)}
    </span>
  );
}
