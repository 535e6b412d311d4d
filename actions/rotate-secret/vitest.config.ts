import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // One moto server for the whole run; each test uses its own secret names.
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    // The first run installs moto from PyPI into .venv.
    hookTimeout: 300_000,
  },
});
