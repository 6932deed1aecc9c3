// POST /api/tokens (admin): a new API token with a name and its scopes. The answer holds the
// token's text (`secret`) this one time; the server keeps only its hash.
import { api } from '@/lib/api-client';
import type { ApiTokenScope, CreatedApiToken } from '@/types/api';

export function createToken(input: { name: string; scopes: ApiTokenScope[] }): Promise<CreatedApiToken> {
  return api.post<CreatedApiToken>('/api/tokens', input);
}
