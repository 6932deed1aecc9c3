// POST /api/auth/logout: ends the session on the server and clears its cookie.
import { api } from '@/lib/api-client';

export async function logout(): Promise<true> {
  await api.post<unknown>('/api/auth/logout', {}, { skipUnauthorizedRedirect: true });
  return true;
}
