// The optional fields of an action card (a note, a call-back time, a reason). On a wide screen
// they are always shown; below 1024 px they fold behind one line, so that on a phone the
// card's buttons stay on the first screen. `open` unfolds them (e.g. to show a field's error).
import { useState, type ReactNode } from 'react';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useMediaQuery, wideScreen } from '@/lib/use-media-query';

export function OptionalFields({ label, open = false, children }: { label: string; open?: boolean; children: ReactNode }) {
  const wide = useMediaQuery(wideScreen);
  const [unfolded, setUnfolded] = useState(false);
  if (wide) return <div className="space-y-3">{children}</div>;
  const shown = unfolded || open;
  return (
    <div className="space-y-3" data-testid="optional-fields">
      <button
        type="button"
        className="flex items-center gap-1 text-sm font-medium text-teal-700 hover:underline"
        aria-expanded={shown}
        onClick={() => setUnfolded(!shown)}
      >
        {shown ? <ChevronDown className="h-4 w-4" aria-hidden /> : <ChevronRight className="h-4 w-4" aria-hidden />}
        {label}
      </button>
      {shown && children}
    </div>
  );
}
