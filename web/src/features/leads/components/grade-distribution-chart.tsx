// The score distribution by grade on the admin dashboard: how many leads fall in each grade
// A–D, plus those not scored yet. Drawn when the server sends no score histogram.
import { Bar } from 'react-chartjs-2';
import '@/components/charts/setup';
import { useI18n } from '@/lib/i18n/i18n';
import { numberLocale } from '@/lib/format';
import { grades, type Grade } from '@/types/api';

const colours: Record<Grade, string> = { A: '#059669', B: '#84cc16', C: '#fbbf24', D: '#cbd5e1' };

export function GradeDistributionChart({ byGrade, unscored }: { byGrade: Record<Grade, number>; unscored: number }) {
  const { t, lang } = useI18n();
  const labels = [...grades.map((g) => t('filters.grade', { grade: g })), t('dashboard.unscored')];
  const data = {
    labels,
    datasets: [
      {
        label: t('dashboard.leads'),
        data: [...grades.map((g) => byGrade[g]), unscored],
        backgroundColor: [...grades.map((g) => colours[g]), '#e2e8f0'],
      },
    ],
  };
  return (
    <div className="h-64" data-testid="grade-distribution">
      <Bar data={data} options={{ locale: numberLocale(lang), maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }} />
    </div>
  );
}
