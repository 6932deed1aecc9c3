// PATCH /api/users/{id} (admin): rename, change role, (de)activate or set a new password.
// Deactivating or a new password ends the account's sessions.
import { api } from '@/lib/api-client';
import type { Role, User } from '@/types/api';

export interface UpdateUserRequest {
  display_name?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

export async function updateUser({ id, ...body }: UpdateUserRequest & { id: number }): Promise<User> {
  const data = await api.patch<{ user: User }>(`/api/users/${id}`, body);
  return data.user;
}
