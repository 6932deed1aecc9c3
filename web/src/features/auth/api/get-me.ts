// GET /api/me: who the session belongs to; 401 when there is none.
import { request } from '@/lib/api-client';
import type { User } from '@/types/api';

export async function getMe(signal?: AbortSignal): Promise<User> {
  const data = await request<{ user: User }>('/api/me', { signal, skipUnauthorizedRedirect: true });
  return data.user;
}
