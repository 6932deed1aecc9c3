// Score reasons as the contract describes them (objects with feature, labels, value,
// contribution, direction). Reasons stored by a bulk refresh may arrive in a compact form,
// [feature, value, contribution]; both are accepted, and labels missing from the compact form
// are taken from the lead-field list (a one-hot feature "job=retired" uses the label of "job").
import type { LeadField, Reason } from '@/types/api';

export function normalizeReasons(raw: unknown, specs: LeadField[] = []): Reason[] {
  if (!Array.isArray(raw)) return [];
  const labels = new Map(specs.map((s) => [s.name, s]));
  const out: Reason[] = [];
  for (const item of raw) {
    if (Array.isArray(item) && item.length >= 3 && typeof item[0] === 'string' && typeof item[2] === 'number') {
      const feature = item[0];
      const spec = labels.get(feature) ?? labels.get(feature.split('=')[0]);
      const contribution = item[2];
      out.push({
        feature,
        label_en: spec?.label_en ?? feature,
        label_id: spec?.label_id ?? feature,
        value: String(item[1]),
        contribution,
        direction: contribution >= 0 ? 'up' : 'down',
      });
    } else if (item && typeof item === 'object' && typeof (item as Reason).feature === 'string') {
      const r = item as Reason;
      const contribution = Number(r.contribution) || 0;
      out.push({
        ...r,
        label_en: r.label_en || r.feature,
        label_id: r.label_id || r.label_en || r.feature,
        value: r.value === undefined || r.value === null ? '' : String(r.value),
        contribution,
        direction: r.direction ?? (contribution >= 0 ? 'up' : 'down'),
      });
    }
  }
  return out;
}
