// The score distribution on the admin dashboard: how many leads have a score in each 5-point
// band from 0% to 100%, as the server counts them (GET /api/leads/stats).
import { Bar } from 'react-chartjs-2';
import '@/components/charts/setup';
import { useI18n, type Lang } from '@/lib/i18n/i18n';
import { formatNumber, numberLocale } from '@/lib/format';
import type { HistogramBin } from '@/types/api';

// Bars in score order, each labelled with its range in percent ("10–15%").
export function histogramChartData(bins: HistogramBin[], lang: Lang): { labels: string[]; counts: number[] } {
  const ordered = [...bins].sort((a, b) => a.from - b.from);
  const percent = (v: number) => formatNumber(v * 100, lang, 1);
  return {
    labels: ordered.map((b) => `${percent(b.from)}–${percent(b.to)}%`),
    counts: ordered.map((b) => b.count),
  };
}

export function ScoreHistogramChart({ bins }: { bins: HistogramBin[] }) {
  const { t, lang } = useI18n();
  const { labels, counts } = histogramChartData(bins, lang);
  const data = {
    labels,
    datasets: [{ label: t('dashboard.leads'), data: counts, backgroundColor: '#0f766e', borderRadius: 2 }],
  };
  return (
    <div className="h-64" data-testid="score-histogram">
      <Bar
        data={data}
        options={{
          locale: numberLocale(lang),
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: {
            x: { title: { display: true, text: t('dashboard.histogramScore') }, ticks: { autoSkip: true, maxRotation: 0 } },
            y: { beginAtZero: true, title: { display: true, text: t('dashboard.leads') }, ticks: { precision: 0 } },
          },
        }}
      />
    </div>
  );
}
