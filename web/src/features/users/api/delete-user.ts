// DELETE /api/users/{id} (admin): refused (409) for an account with leads or activity; the
// server's message then says to deactivate it instead.
import { api } from '@/lib/api-client';

export async function deleteUser(id: number): Promise<true> {
  await api.delete<null>(`/api/users/${id}`);
  return true;
}
