// ID / EN toggle in the header.
import { Languages } from 'lucide-react';
import { useI18n, type Lang } from '@/lib/i18n/i18n';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const options: Lang[] = ['id', 'en'];
  return (
    <div className="flex items-center gap-1" role="group" aria-label={t('header.language')}>
      <Languages className="h-4 w-4 text-slate-400" aria-hidden />
      {options.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={lang === option}
          onClick={() => setLang(option)}
          className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${
            lang === option ? 'bg-teal-700 text-white' : 'text-slate-600 hover:bg-slate-100'
          }`}
        >
          {option}
        </button>
      ))}
    </div>
  );
}
