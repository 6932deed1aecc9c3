// The customer's phone on a lead's page: the number with a tel: link (the phone or softphone
// dials it) and a WhatsApp link, and how many call attempts were logged and when the last was.
import { MessageCircle, Phone } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime, formatNumber } from '@/lib/format';
import { telLink, whatsAppLink } from '@/lib/phone';
import type { LeadSummary } from '@/types/api';

export function LeadPhone({ lead }: { lead: LeadSummary }) {
  const { t, lang } = useI18n();
  const tel = telLink(lead.phone);
  const wa = whatsAppLink(lead.phone);
  return (
    <div className="space-y-2 text-sm" data-testid="lead-phone">
      <p className="text-lg font-semibold tracking-wide">{lead.phone || t('phone.none')}</p>
      <div className="flex flex-wrap gap-2">
        {tel && (
          <a href={tel} className="inline-flex items-center gap-1 rounded-md bg-teal-600 px-3 py-1.5 font-medium text-white hover:bg-teal-700" data-testid="tel-link">
            <Phone className="h-4 w-4" aria-hidden />
            {t('phone.call')}
          </a>
        )}
        {wa && (
          <a href={wa} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 rounded-md border border-emerald-600 px-3 py-1.5 font-medium text-emerald-700 hover:bg-emerald-50" data-testid="wa-link">
            <MessageCircle className="h-4 w-4" aria-hidden />
            WhatsApp
          </a>
        )}
      </div>
      <p className="text-xs text-slate-500" data-testid="attempt-count">
        {t('attempt.count', { count: formatNumber(lead.attempts ?? 0, lang) })}
        {lead.last_attempt_at ? ` · ${t('attempt.last', { time: formatDateTime(lead.last_attempt_at, lang) })}` : ''}
      </p>
    </div>
  );
}
