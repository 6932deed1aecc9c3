import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithProviders } from '@/test/render';
import { Pagination } from './pagination';
import { ProgressBar } from './progress-bar';

describe('numbers in the shared components', () => {
  it('the page range uses the reader\'s thousands separator', () => {
    const { unmount } = renderWithProviders(<Pagination page={21} size={50} total={31631} onPage={() => {}} />);
    expect(screen.getByText('1.001–1.050 dari 31.631')).toBeInTheDocument();
    unmount();
    renderWithProviders(<Pagination page={21} size={50} total={31631} onPage={() => {}} />, { lang: 'en' });
    expect(screen.getByText('1,001–1,050 of 31,631')).toBeInTheDocument();
  });

  it('the progress bar counts in the reader\'s format', () => {
    const { unmount } = renderWithProviders(<ProgressBar done={12500} total={31631} />);
    expect(screen.getByText('12.500 / 31.631 (40%)')).toBeInTheDocument();
    unmount();
    renderWithProviders(<ProgressBar done={12500} total={31631} />, { lang: 'en' });
    expect(screen.getByText('12,500 / 31,631 (40%)')).toBeInTheDocument();
  });
});
