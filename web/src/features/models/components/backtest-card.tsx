// "Uji maju waktu" on the model page: the time-forward backtest of one version in full (AUC,
// AUC within period, PR AUC, Brier, lift and capture at the top 10/20/30 %, the rows it trained
// and tested on), the campaign context it was trained with, and where its training rows came
// from, the outcomes the team set in the portal among them. Old versions and small data have no
// backtest: the card says why.
import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import { formatNumber, formatPercent } from '@/lib/format';
import { Card } from '@/components/card';
import type { BacktestMetrics, ContextMode, ModelVersion } from '@/types/api';

export interface ColumnLabel {
  name: string;
  label_en: string;
  label_id: string;
}

const tops = [10, 20, 30] as const;

const modeKeys: Record<ContextMode, MessageKey> = {
  exclude: 'backtest.modeExclude',
  current: 'backtest.modeCurrent',
  include: 'backtest.modeInclude',
};

export function BacktestCard({ model, labels = [] }: { model: ModelVersion; labels?: ColumnLabel[] }) {
  const { t, lang } = useI18n();
  const backtest = model.metrics.backtest;
  const context = model.context ?? model.metrics.context ?? null;
  const training = model.metrics.training_data;
  const labelOf = (name: string) => {
    const found = labels.find((l) => l.name === name);
    return found ? (lang === 'id' ? found.label_id : found.label_en) : name;
  };
  const count = (n: number) => formatNumber(n, lang);

  return (
    <Card title={t('backtest.title', { id: model.id })}>
      <div className="space-y-4 text-sm" data-testid="backtest-card" data-model-id={model.id}>
        {backtest ? (
          <BacktestFigures backtest={backtest} />
        ) : (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900" data-testid="backtest-absent">{t('backtest.absent')}</p>
        )}
        {(context || training) && (
          <div className="space-y-1 border-t border-slate-100 pt-3 text-slate-700">
            {context && (
              <p className="break-words" data-testid="backtest-context">
                {t('backtest.context', { mode: t(modeKeys[context.mode] ?? 'backtest.modeInclude') })}
                {context.columns.length > 0 && ` ${t('backtest.columns', { columns: context.columns.map(labelOf).join(', ') })}`}
              </p>
            )}
            {training && (
              <p data-testid="backtest-training-data">
                <span className="font-medium text-slate-800">{t('backtest.trainingTitle')}:</span>{' '}
                {t('backtest.trainingData', {
                  total: count(training.total),
                  history: count(training.history),
                  labelled: count(training.labelled_leads),
                  portal: count(training.portal),
                })}
              </p>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}

function BacktestFigures({ backtest }: { backtest: BacktestMetrics }) {
  const { t, lang } = useI18n();
  const num = (v: number | undefined) => formatNumber(v, lang, 3);
  const figures: { key: string; label: string; value: string; hint: string }[] = [
    { key: 'roc_auc', label: t('backtest.rocAuc'), value: num(backtest.roc_auc), hint: t('backtest.intro') },
    {
      key: 'auc_within_period',
      label: t('backtest.withinAuc'),
      value: num(backtest.auc_within_period),
      hint: typeof backtest.periods === 'number'
        ? `${t('backtest.withinHint')} ${t('backtest.periods', { periods: formatNumber(backtest.periods, lang) })}`
        : t('backtest.withinHint'),
    },
    { key: 'pr_auc', label: t('backtest.prAuc'), value: num(backtest.pr_auc), hint: t('backtest.prHint') },
    { key: 'brier', label: t('backtest.brier'), value: num(backtest.brier), hint: t('backtest.brierHint') },
  ];
  const rows = tops
    .map((pct) => ({ pct, lift: backtest[`lift_top${pct}`], capture: backtest[`capture_top${pct}`] }))
    .filter((r) => r.lift !== undefined || r.capture !== undefined);

  return (
    <>
      <dl className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {figures.map((f) => (
          <div key={f.key} className="rounded-md border border-slate-200 px-3 py-2" data-testid={`backtest-${f.key}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{f.label}</dt>
            <dd className="text-lg font-semibold tabular-nums text-slate-900">{f.value}</dd>
            <dd className="text-xs text-slate-500">{f.hint}</dd>
          </div>
        ))}
      </dl>
      {rows.length > 0 && (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="backtest-lift">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-1.5 pr-3 font-medium">{t('backtest.top')}</th>
                <th className="px-3 py-1.5 text-right font-medium">{t('models.lift')}</th>
                <th className="py-1.5 pl-3 text-right font-medium">{t('backtest.capture')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.pct} className="border-b border-slate-100">
                  <td className="py-1.5 pr-3">{t('backtest.topRow', { pct: formatNumber(r.pct, lang) })}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{r.lift === undefined ? '–' : `${formatNumber(r.lift, lang, 2)}×`}</td>
                  <td className="py-1.5 pl-3 text-right tabular-nums">{formatPercent(r.capture, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-slate-700" data-testid="backtest-rows">
        {t('backtest.rows', { train: formatNumber(backtest.n_train, lang), test: formatNumber(backtest.n_test, lang) })}
      </p>
    </>
  );
}
