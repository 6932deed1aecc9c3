// A persona as the reader reads it: the server names every cluster in Indonesian and English
// (persona / persona_id, description / description_id, the means in each reader's number
// format); older answers without the Indonesian text fall back to the English one.
import type { Lang } from './i18n/i18n';

export interface PersonaTexts {
  persona: string;
  persona_id?: string;
  description?: string;
  description_id?: string;
}

export function personaName(p: PersonaTexts, lang: Lang): string {
  return (lang === 'id' ? p.persona_id : undefined) || p.persona;
}

export function personaDescription(p: PersonaTexts, lang: Lang): string {
  return (lang === 'id' ? p.description_id : undefined) || p.description || '';
}
