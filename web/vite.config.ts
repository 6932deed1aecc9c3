/// <reference types="vitest/config" />
// Build and unit-test configuration of the web portal. `npm run build` writes dist/, which
// `leadscore serve` serves at /. During `npm run dev`, /api is proxied to a local server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath, URL } from 'node:url';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // The value catalogue the server compiles in, shared rather than copied.
      '@catalogue': fileURLToPath(new URL('../src/core', import.meta.url)),
      // The table of field cases the C++ and API tests run too (tests only).
      '@field-cases': fileURLToPath(new URL('../tests/fields', import.meta.url)),
    },
  },
  server: {
    fs: { allow: ['.', '../src/core/value_labels.json', '../src/core/lead_fields.json'] },
    proxy: {
      '/api': process.env.LEADSCORE_API ?? 'http://127.0.0.1:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // Form tests type with user-event, which on a busy two-core machine can take longer than
    // vitest's default of 5 s; a slow pass is still a pass.
    testTimeout: 20000,
  },
});
