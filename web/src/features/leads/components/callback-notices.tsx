// A notice when one of the signed-in sales person's call-backs comes due: "time to call NAME
// back", with a link to the lead. The call-backs come from useMyCallbacks, read again whenever
// the data changes (a call-back set, moved or done anywhere), and one timer waits for the next
// to fall due. A call-back that fell due shortly before the app opened is announced too; older
// ones are already at the top of the call list. A call-back falling due while the app is open
// also makes the live lists read again, so that it moves to the top of the call list. A notice
// stays until it is closed or its
// call-back is gone (done, moved, the lead released); at most kMaxNotices show at once.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { BellRing, X } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useLiveTouch } from '@/lib/live-updates';
import { formatDateTime } from '@/lib/format';
import { useMyCallbacks, type CallBack } from '../api/get-my-callbacks';

export const kRecentMs = 10 * 60_000;
const kMaxNotices = 3;
const kMaxWaitMs = 60 * 60_000; // a far call-back is waited for in steps (timers drift)

const keyOf = (c: CallBack) => `${c.id}@${c.at}`;

// The call-backs that fell due in (since, now], earliest first.
export function fallenDue(callbacks: CallBack[], since: number, now: number): CallBack[] {
  return callbacks.filter((c) => c.at > since && c.at <= now).sort((a, b) => a.at - b.at);
}

export function CallbackNotices() {
  const { t, lang } = useI18n();
  const { data } = useMyCallbacks();
  const touch = useLiveTouch();
  const [notices, setNotices] = useState<CallBack[]>([]);
  const since = useRef(Date.now() - kRecentMs);
  const announced = useRef(new Set<string>());

  useEffect(() => {
    if (!data) return;
    const current = new Set(data.map(keyOf));
    setNotices((shown) => shown.filter((c) => current.has(keyOf(c))));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = (waited: boolean) => {
      const now = Date.now();
      const due = fallenDue(data, since.current, now).filter((c) => !announced.current.has(keyOf(c)));
      for (const c of due) announced.current.add(keyOf(c));
      if (due.length > 0) {
        setNotices((shown) => [...shown, ...due].slice(-kMaxNotices));
        if (waited) touch();
      }
      const next = data.find((c) => c.at > now);
      if (next) timer = setTimeout(() => check(true), Math.min(next.at - now, kMaxWaitMs));
    };
    check(false);
    return () => clearTimeout(timer);
  }, [data, touch]);

  if (notices.length === 0) return null;
  const close = (c: CallBack) => setNotices((shown) => shown.filter((n) => keyOf(n) !== keyOf(c)));
  return (
    <div className="fixed bottom-4 right-4 z-40 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2" role="status" aria-live="polite">
      {notices.map((c) => (
        <div key={keyOf(c)} className="flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm shadow-lg" data-testid="callback-notice">
          <BellRing className="mt-0.5 h-4 w-4 shrink-0 text-amber-700" aria-hidden />
          <div className="min-w-0 flex-1">
            <p className="font-medium text-amber-900">{t('callback.dueTitle')}</p>
            <p className="text-amber-900">{t('callback.due', { name: c.name, time: formatDateTime(c.at, lang) })}</p>
            <Link to={`/leads/${c.id}`} onClick={() => close(c)} className="font-medium text-teal-800 hover:underline">
              {t('callback.open')}
            </Link>
          </div>
          <button type="button" onClick={() => close(c)} className="rounded p-0.5 text-amber-800 hover:bg-amber-100" aria-label={t('callback.dismiss')}>
            <X className="h-4 w-4" aria-hidden />
          </button>
        </div>
      ))}
    </div>
  );
}
