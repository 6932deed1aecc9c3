// POST /api/auth/login: username and password in, the session cookie and the user out.
// A wrong password is a 401 here, shown on the form rather than treated as an expired session.
import { api } from '@/lib/api-client';
import type { User } from '@/types/api';

export interface LoginRequest {
  username: string;
  password: string;
}

export async function login(body: LoginRequest): Promise<User> {
  const data = await api.post<{ user: User }>('/api/auth/login', body, { skipUnauthorizedRedirect: true });
  return data.user;
}
