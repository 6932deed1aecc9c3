// Catches what a page throws while it loads or renders, so that the app never turns into a
// blank white page. The usual cause is a page's code chunk that cannot be fetched (the
// connection dropped, or the app was upgraded and the old chunk is gone); reloading fetches
// the current app. A new `resetKey` (the route's path) clears the error, so the other pages
// stay usable from the navigation.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { AlertTriangle, RotateCw } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { Button } from './button';

function reloadPage() {
  window.location.reload();
}

interface Props {
  children: ReactNode;
  resetKey?: string;
  // How "Muat ulang" reloads; tests pass their own.
  reload?: () => void;
}

interface State {
  error: Error | null;
}

export class PageErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('page failed to load', error, info.componentStack);
  }

  render() {
    if (this.state.error) return <PageLoadError reload={this.props.reload ?? reloadPage} />;
    return this.props.children;
  }
}

export function PageLoadError({ reload }: { reload: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="flex flex-col items-center justify-center gap-3 py-16 text-center text-sm" data-testid="page-load-error">
      <AlertTriangle className="h-8 w-8 text-amber-500" aria-hidden />
      <p className="font-medium text-slate-800">{t('pageError.title')}</p>
      <p className="max-w-md text-slate-600">{t('pageError.text')}</p>
      <Button onClick={reload} icon={<RotateCw className="h-4 w-4" />}>
        {t('pageError.reload')}
      </Button>
    </div>
  );
}
