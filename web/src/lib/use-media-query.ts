// Whether a CSS media query matches now, updated when it changes. Where the browser cannot
// tell (no matchMedia, as in tests), `fallback` is the answer.
import { useCallback, useSyncExternalStore } from 'react';

export function useMediaQuery(query: string, fallback = true): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  const snapshot = () => (typeof window === 'undefined' || typeof window.matchMedia !== 'function' ? fallback : window.matchMedia(query).matches);
  return useSyncExternalStore(subscribe, snapshot, () => fallback);
}

// The width from which the lead page has two columns (Tailwind's `lg`).
export const wideScreen = '(min-width: 1024px)';
