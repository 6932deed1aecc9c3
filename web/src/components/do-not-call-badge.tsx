// The "Jangan hubungi" mark of a lead whose customer asked not to be called.
import { PhoneOff } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';

export function DoNotCallBadge() {
  const { t } = useI18n();
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-rose-100 px-2 py-0.5 text-xs font-medium text-rose-800" data-testid="do-not-call-badge">
      <PhoneOff className="h-3 w-3" aria-hidden />
      {t('dnc.badge')}
    </span>
  );
}
