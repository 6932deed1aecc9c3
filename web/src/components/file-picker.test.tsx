import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import { FilePicker } from './file-picker';

function Picker({ onPick }: { onPick: (file: File | null) => void }) {
  const [file, setFile] = useState<File | null>(null);
  return <FilePicker label="Berkas CSV" file={file} onPick={(f) => { setFile(f); onPick(f); }} />;
}

describe('FilePicker', () => {
  it('speaks Indonesian, hands over the chosen file and shows its name', async () => {
    const picked = vi.fn();
    renderWithProviders(<Picker onPick={picked} />);
    expect(screen.getByText('Pilih berkas')).toBeInTheDocument();
    expect(screen.getByTestId('file-picker-name')).toHaveTextContent('Belum ada berkas dipilih');
    const file = new File(['age;y\n30;no\n'], 'nasabah.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByLabelText('Berkas CSV'), file);
    expect(picked).toHaveBeenCalledWith(file);
    expect(screen.getByTestId('file-picker-name')).toHaveTextContent('nasabah.csv');
  });

  it('speaks English to an English reader', () => {
    renderWithProviders(<FilePicker label="CSV file" file={null} onPick={() => {}} />, { lang: 'en' });
    expect(screen.getByText('Choose a file')).toBeInTheDocument();
    expect(screen.getByTestId('file-picker-name')).toHaveTextContent('No file chosen');
  });
});
