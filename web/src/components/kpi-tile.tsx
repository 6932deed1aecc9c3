// One key figure on a dashboard. The label wraps rather than being cut ("SUDAH DIHUBUNGI" is
// wider than a sixth of a laptop screen allows).
import type { ReactNode } from 'react';

export function KpiTile({ label, value, icon, tone = 'slate' }: {
  label: string;
  value: ReactNode;
  icon?: ReactNode;
  tone?: 'slate' | 'sky' | 'emerald' | 'rose' | 'teal' | 'amber';
}) {
  const tones = {
    slate: 'text-slate-600 bg-slate-100',
    sky: 'text-sky-700 bg-sky-100',
    emerald: 'text-emerald-700 bg-emerald-100',
    rose: 'text-rose-700 bg-rose-100',
    teal: 'text-teal-700 bg-teal-100',
    amber: 'text-amber-700 bg-amber-100',
  } as const;
  return (
    <div className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {icon && <div className={`shrink-0 rounded-md p-2 ${tones[tone]}`}>{icon}</div>}
      <div className="min-w-0">
        <p className="break-words text-xs font-medium uppercase leading-tight tracking-wide text-slate-500">{label}</p>
        <p className="text-xl font-semibold text-slate-900">{value}</p>
      </div>
    </div>
  );
}
