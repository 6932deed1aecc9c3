// The ROC curve of a model on its validation part, against the diagonal of a random ranking.
import { Line } from 'react-chartjs-2';
import '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { numberLocale } from '@/lib/format';
import type { ModelCurves } from '@/types/api';

export function RocChart({ roc }: { roc: ModelCurves['roc'] }) {
  const { t, lang } = useI18n();
  const data = {
    datasets: [
      { label: 'ROC', data: roc.map((p) => ({ x: p.fpr, y: p.tpr })), borderColor: '#0f766e', backgroundColor: 'rgba(15,118,110,0.1)', fill: true, pointRadius: 0, borderWidth: 2 },
      { label: t('models.random'), data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: '#94a3b8', borderDash: [4, 4], pointRadius: 0, borderWidth: 1 },
    ],
  };
  return (
    <div className="h-64">
      <Line
        data={data}
        options={{
          locale: numberLocale(lang),
          maintainAspectRatio: false,
          parsing: false,
          scales: {
            x: { type: 'linear', min: 0, max: 1, title: { display: true, text: t('models.fpr') } },
            y: { min: 0, max: 1, title: { display: true, text: t('models.tpr') } },
          },
        }}
      />
    </div>
  );
}
