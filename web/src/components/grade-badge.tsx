// A lead's grade A–D, readable at a glance; "–" for a lead without a score yet.
import type { Grade } from '@/types/api';

const colours: Record<Grade, string> = {
  A: 'bg-emerald-600 text-white',
  B: 'bg-lime-500 text-white',
  C: 'bg-amber-400 text-slate-900',
  D: 'bg-slate-300 text-slate-800',
};

export function GradeBadge({ grade }: { grade: Grade | null | undefined }) {
  if (!grade) return <span className="text-slate-400">–</span>;
  return (
    <span
      aria-label={`Grade ${grade}`}
      className={`inline-flex h-6 w-6 items-center justify-center rounded text-xs font-bold ${colours[grade]}`}
    >
      {grade}
    </span>
  );
}
