// A portal with a day's starting state, built through the API: an admin, two sales, the
// sample leads imported, a model trained and every lead scored. Used by the flows that test
// what comes after (the sales workflow, screenshots).
import { ApiSession } from './api.mjs';
import { admin, createAdmin, freshDatabase, startServer } from './server.mjs';
import { writeLeadFiles } from './fixtures.mjs';
import { readFileSync } from 'node:fs';

export const salesA = { username: 'sari', display_name: 'Sari Dewi', password: 'sari-password-1' };
export const salesB = { username: 'budi', display_name: 'Budi Hartono', password: 'budi-password-1' };

export async function startPortal({ scored = true } = {}) {
  const db = freshDatabase();
  createAdmin(db);
  const server = await startServer(db);
  const files = writeLeadFiles(db.dir);
  const api = new ApiSession(server.url);
  if (scored) {
    await api.login(admin.username, admin.password);
    for (const sales of [salesA, salesB]) {
      await api.call('POST', '/api/users', { username: sales.username, display_name: sales.display_name, password: sales.password });
    }
    await api.call('POST', '/api/leads/import', readFileSync(files.good, 'utf8'), 'text/csv');
    await api.call('POST', '/api/models/train', {});
    const { job } = await api.call('POST', '/api/scoring/refresh');
    await api.waitForJob(job);
  }
  return {
    db,
    server,
    files,
    api,
    async restart(options) {
      await this.server.stop();
      this.server = await startServer(db, options);
      return this.server;
    },
    async stop() {
      await this.server.stop();
      db.remove();
    },
  };
}
