// The model versions with their metrics; the active one is marked, the others can be
// activated, and a row can be picked to show its charts.
import { CheckCircle2, AlertTriangle } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime, formatNumber } from '@/lib/format';
import { Button } from '@/components/button';
import type { ModelVersion } from '@/types/api';

export function ModelList({ models, selectedId, busyId, onSelect, onActivate }: {
  models: ModelVersion[];
  selectedId: number | null;
  busyId: number | null;
  onSelect: (model: ModelVersion) => void;
  onActivate: (model: ModelVersion) => void;
}) {
  const { t, lang } = useI18n();
  const num = (v: number | undefined, digits = 3) => formatNumber(v, lang, digits);
  return (
    <div className="relative -mx-4 overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="model-list">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="px-4 py-2 font-medium">{t('models.version')}</th>
            <th className="px-2 py-2 text-right font-medium" title={t('models.backtestHint')}>{t('models.backtestAuc')}</th>
            <th className="px-2 py-2 text-right font-medium" title={t('models.withinHint')}>{t('models.withinAuc')}</th>
            <th className="px-2 py-2 text-right font-medium" title={t('models.randomHint')}>{t('models.randomAuc')}</th>
            <th className="px-2 py-2 text-right font-medium">PR AUC</th>
            <th className="hidden px-2 py-2 text-right font-medium sm:table-cell">Brier</th>
            <th className="hidden px-2 py-2 text-right font-medium md:table-cell">{t('models.liftTop10')}</th>
            <th className="hidden px-2 py-2 text-right font-medium md:table-cell">{t('models.captureTop20')}</th>
            <th className="hidden px-2 py-2 font-medium lg:table-cell">{t('models.resampling')}</th>
            <th className="px-4 py-2"><span className="sr-only">{t('lead.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr
              key={model.id}
              onClick={() => onSelect(model)}
              className={`cursor-pointer border-b border-slate-100 ${selectedId === model.id ? 'bg-teal-50' : 'hover:bg-slate-50'}`}
              data-model-id={model.id}
              data-active={model.active}
            >
              <td className="px-4 py-2">
                <p className="font-medium">
                  v{model.id}
                  {model.active && (
                    <span className="ml-2 inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
                      <CheckCircle2 className="h-3 w-3" aria-hidden />
                      {t('models.active')}
                    </span>
                  )}
                </p>
                <p className="text-xs text-slate-500">{formatDateTime(model.created_at, lang)} · {model.created_by}</p>
                {model.uses_duration && (
                  <p className="inline-flex items-center gap-1 text-xs text-amber-700">
                    <AlertTriangle className="h-3 w-3" aria-hidden />
                    {t('models.usesDuration')}
                  </p>
                )}
              </td>
              <td className="px-2 py-2 text-right tabular-nums" data-testid="backtest-auc">{num(model.metrics.backtest?.roc_auc)}</td>
              <td className="px-2 py-2 text-right tabular-nums">{num(model.metrics.backtest?.auc_within_period)}</td>
              <td className="px-2 py-2 text-right tabular-nums">{num(model.metrics.roc_auc)}</td>
              <td className="px-2 py-2 text-right tabular-nums">{num(model.metrics.pr_auc)}</td>
              <td className="hidden px-2 py-2 text-right tabular-nums sm:table-cell">{num(model.metrics.brier)}</td>
              <td className="hidden px-2 py-2 text-right tabular-nums md:table-cell">{num(model.metrics.lift_top10, 2)}×</td>
              <td className="hidden px-2 py-2 text-right tabular-nums md:table-cell">{num(model.metrics.capture_top20 !== undefined ? model.metrics.capture_top20 * 100 : undefined, 1)}%</td>
              <td className="hidden px-2 py-2 text-xs lg:table-cell">{model.resampling}</td>
              <td className="px-4 py-2 text-right">
                {!model.active && (
                  <Button size="sm" variant="secondary" loading={busyId === model.id} onClick={(e) => { e.stopPropagation(); onActivate(model); }}>
                    {t('models.activate')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
