// A lead's follow-up status as a coloured pill with its UI name.
import type { LeadStatus } from '@/types/api';
import { useI18n } from '@/lib/i18n/i18n';

const colours: Record<LeadStatus, string> = {
  pending: 'bg-slate-100 text-slate-700 ring-slate-300',
  contacted: 'bg-sky-50 text-sky-800 ring-sky-300',
  converted: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  rejected: 'bg-rose-50 text-rose-800 ring-rose-300',
};

export function StatusBadge({ status }: { status: LeadStatus }) {
  const { t } = useI18n();
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${colours[status]}`}
    >
      {t(`status.${status}`)}
    </span>
  );
}
