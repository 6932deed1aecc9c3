// GET /api/users (admin): every account, by username.
import { api } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';
import type { Items, Role, User } from '@/types/api';

export async function getUsers(filter: { role?: Role }, signal?: AbortSignal): Promise<User[]> {
  const data = await api.get<Items<User>>('/api/users', filter, signal);
  return data.items;
}

export function useUsers(filter: { role?: Role }, version = 0) {
  return useQuery(['users', filter, version], (signal) => getUsers(filter, signal));
}
