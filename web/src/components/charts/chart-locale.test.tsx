import { describe, expect, it, vi } from 'vitest';
import { Ticks } from 'chart.js';
import type { ReactElement } from 'react';
import { renderWithProviders } from '@/test/render';
import { numberLocale } from '@/lib/format';
import { ScoreHistogramChart } from '@/features/leads/components/score-histogram-chart';
import { FeatureImportanceChart } from '@/features/models/components/feature-importance-chart';
import { LiftChart } from '@/features/models/components/lift-chart';
import { RocChart } from '@/features/models/components/roc-chart';
import { ActivityChart } from '@/features/performance/components/activity-chart';
import { ElbowChart } from '@/features/segments/components/elbow-chart';
import { ScatterChart } from '@/features/segments/components/scatter-chart';
import type { SegmentationDetail } from '@/types/api';

// The chart library needs a canvas; these tests read the options each chart is given.
const seen: { locale?: string }[] = [];
vi.mock('react-chartjs-2', () => {
  const capture = ({ options }: { options: { locale?: string } }) => {
    seen.push(options);
    return null;
  };
  return { Bar: capture, Line: capture, Chart: capture, Scatter: capture };
});

const segmentation = {
  id: 1, features: ['Annual Income (k$)', 'Spending Score (1-100)'],
  clusters: [{ id: 0, persona: 'Target', centroid: [80, 80], size: 10 }],
  sample: [{ cluster: 0, values: [14000, 50] }],
} as unknown as SegmentationDetail;

const charts: [string, ReactElement][] = [
  ['histogram', <ScoreHistogramChart bins={[{ from: 0, to: 0.05, count: 14000 }]} />],
  ['importance', <FeatureImportanceChart items={[{ feature: 'age', label_en: 'Age', label_id: 'Usia', importance: 0.4 }]} />],
  ['lift', <LiftChart deciles={[{ decile: 1, lift: 3.2, capture: 0.3 }]} />],
  ['roc', <RocChart roc={[{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }]} />],
  ['activity', <ActivityChart days={[{ date: '2026-05-01', changes: 3, converted: 1 }]} />],
  ['elbow', <ElbowChart elbow={[{ k: 1, wcss: 14000, silhouette: null }]} chosenK={1} />],
  ['scatter', <ScatterChart segmentation={segmentation} />],
];

// Chart.js's own tick formatter, as the axis of a chart with `locale` calls it.
function tick(locale: string, value: number, ticks: number[]) {
  const scale = { chart: { options: { locale } }, options: { ticks: {} } };
  return Ticks.formatters.numeric.call(scale as never, value, 0, ticks.map((v) => ({ value: v })));
}

describe('chart numbers', () => {
  it('every chart formats its axes and tooltips in the reader\'s locale', () => {
    for (const lang of ['id', 'en'] as const) {
      for (const [name, chart] of charts) {
        seen.length = 0;
        const view = renderWithProviders(chart, { lang });
        expect(seen.length, name).toBeGreaterThan(0);
        expect(seen.at(-1)?.locale, `${name} (${lang})`).toBe(numberLocale(lang));
        view.unmount();
      }
    }
  });

  it('so an English axis reads 14,000 and an Indonesian one 14.000', () => {
    expect(tick(numberLocale('en'), 14000, [0, 7000, 14000])).toBe('14,000');
    expect(tick(numberLocale('id'), 14000, [0, 7000, 14000])).toBe('14.000');
    expect(tick(numberLocale('id'), 0.2, [0, 0.2, 0.4])).toBe('0,2');
  });
});
