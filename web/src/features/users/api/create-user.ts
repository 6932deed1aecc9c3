// POST /api/users (admin): a new sales account. Without a password the server makes one and
// returns it once, for the admin to hand over.
import { api } from '@/lib/api-client';
import type { Role, User } from '@/types/api';

export interface CreateUserRequest {
  username: string;
  display_name: string;
  role?: Role;
  password?: string;
}

export function createUser(body: CreateUserRequest): Promise<{ user: User; generated_password: string | null }> {
  return api.post<{ user: User; generated_password: string | null }>('/api/users', body);
}
