// Which customer facts the model leans on most, as horizontal bars (top 15).
import { Bar } from 'react-chartjs-2';
import '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { numberLocale } from '@/lib/format';
import type { ModelCurves } from '@/types/api';

export function FeatureImportanceChart({ items }: { items: ModelCurves['feature_importance'] }) {
  const { t, lang } = useI18n();
  const top = [...items].sort((a, b) => b.importance - a.importance).slice(0, 15);
  const data = {
    labels: top.map((f) => (lang === 'id' ? f.label_id : f.label_en) || f.feature),
    datasets: [{ label: t('models.importance'), data: top.map((f) => f.importance), backgroundColor: '#0f766e' }],
  };
  return (
    <div style={{ height: `${Math.max(160, top.length * 24 + 40)}px` }}>
      <Bar data={data} options={{ locale: numberLocale(lang), indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } }} />
    </div>
  );
}
