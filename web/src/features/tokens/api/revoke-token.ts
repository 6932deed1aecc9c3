// DELETE /api/tokens/{id} (admin): the token opens nothing from now on; it stays in the list.
import { api } from '@/lib/api-client';

export async function revokeToken(id: number): Promise<true> {
  await api.delete<null>(`/api/tokens/${id}`);
  return true;
}
