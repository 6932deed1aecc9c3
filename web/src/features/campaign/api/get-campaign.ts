// GET /api/settings/campaign (admin): the campaign-context columns with their levels, the values
// scoring applies to every lead, where they come from, and the active model's context mode.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { CampaignSetting } from '@/types/api';

export function getCampaign(signal?: AbortSignal): Promise<CampaignSetting> {
  return api.get<CampaignSetting>('/api/settings/campaign', undefined, signal);
}

// `version` reloads it (after a model was trained or activated, the mode may have changed).
export function useCampaign(version = 0) {
  return useQuery(['campaign', version], getCampaign);
}
