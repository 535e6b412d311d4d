import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    // One moto server for the whole run; suites that switch on IAM enforcement start their own.
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    // The first run installs moto from PyPI into .venv.
    hookTimeout: 300_000,
  },
});
