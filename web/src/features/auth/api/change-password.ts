// POST /api/me/password: the signed-in user sets a new password. 204 with a new session cookie;
// the user's other sessions end. A wrong current password is the server's 400 (or 401), shown
// on the form rather than treated as an expired session.
import { api } from '@/lib/api-client';

export interface ChangePasswordRequest {
  current_password: string;
  new_password: string;
}

export async function changePassword(body: ChangePasswordRequest): Promise<true> {
  await api.post<null>('/api/me/password', body, { skipUnauthorizedRedirect: true });
  return true;
}
