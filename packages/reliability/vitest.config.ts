import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    // One moto server for the whole run; suites that switch on IAM enforcement start their own.
    // The fault table is printed and written once every file has finished.
    globalSetup: ['e2e/global-setup.ts', 'e2e/fault-table-setup.ts'],
    testTimeout: 120_000,
    // The first run installs moto from PyPI into .venv.
    hookTimeout: 300_000,
  },
});
