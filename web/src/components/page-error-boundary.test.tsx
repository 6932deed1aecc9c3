import { describe, expect, it, vi } from 'vitest';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import { I18nProvider } from '@/lib/i18n/i18n';
import { MemoryRouter } from 'react-router';
import { PageErrorBoundary } from './page-error-boundary';

// A page whose code chunk cannot be fetched, as the browser reports it.
function failingPage() {
  return lazy<ComponentType>(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/models-Xy12.js')));
}

function quiet() {
  // React and the boundary report the caught error; the test only wants the page.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
}

describe('PageErrorBoundary', () => {
  it('shows a message and "Muat ulang" instead of a blank page when a lazy page fails to load', async () => {
    quiet();
    const reload = vi.fn();
    const Page = failingPage();
    renderWithProviders(
      <PageErrorBoundary reload={reload}>
        <Suspense fallback={<p>loading</p>}>
          <Page />
        </Suspense>
      </PageErrorBoundary>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Halaman ini gagal dimuat.');
    await userEvent.click(screen.getByRole('button', { name: 'Muat ulang' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('speaks English after the switch', async () => {
    quiet();
    const Page = failingPage();
    renderWithProviders(
      <PageErrorBoundary reload={() => {}}>
        <Suspense fallback={null}>
          <Page />
        </Suspense>
      </PageErrorBoundary>,
      { lang: 'en' },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('This page failed to load.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it('reloads the window by default', async () => {
    quiet();
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    const Page = failingPage();
    renderWithProviders(
      <PageErrorBoundary>
        <Suspense fallback={null}>
          <Page />
        </Suspense>
      </PageErrorBoundary>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Muat ulang' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('shows the next page again once the route changes', async () => {
    quiet();
    const Page = failingPage();
    const tree = (path: string, page: ReactNode) => (
      <I18nProvider lang="id">
        <MemoryRouter>
          <PageErrorBoundary resetKey={path} reload={() => {}}>
            <Suspense fallback={null}>{page}</Suspense>
          </PageErrorBoundary>
        </MemoryRouter>
      </I18nProvider>
    );
    const { rerender } = render(tree('/admin/models', <Page />));
    await screen.findByRole('alert');
    rerender(tree('/admin', <p>dashboard</p>));
    expect(await screen.findByText('dashboard')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
