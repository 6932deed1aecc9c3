// GET/PUT /api/settings/follow-up (admin): after how many days without activity (1..365) a
// contacted lead returns to the team by itself.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { FollowUpSetting } from '@/types/api';

export function getFollowUpSetting(signal?: AbortSignal): Promise<FollowUpSetting> {
  return api.get<FollowUpSetting>('/api/settings/follow-up', undefined, signal);
}

export function useFollowUpSetting() {
  return useQuery('follow-up-setting', getFollowUpSetting);
}

export function setStaleDays(days: number): Promise<FollowUpSetting> {
  return api.put<FollowUpSetting>('/api/settings/follow-up', { stale_contacted_days: days });
}
