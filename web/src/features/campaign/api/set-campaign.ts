// PUT /api/settings/campaign (admin): new campaign values (a number per number column, one of
// its levels per category column). Saved with the admin's name and time, and every score is
// refreshed (refresh_job, null without an active model); 400 naming the bad column saves nothing.
import { api } from '@/lib/api-client';
import type { CampaignSaved, CampaignValues } from '@/types/api';

export function setCampaign(campaign: CampaignValues): Promise<CampaignSaved> {
  return api.put<CampaignSaved>('/api/settings/campaign', { campaign });
}
