import { defineConfig } from 'vitest/config';

// One moto server per project (suites that switch on IAM enforcement start their own).
const suites = { include: ['e2e/**/*.test.ts'], globalSetup: ['e2e/global-setup.ts'] };

export default defineConfig({
  test: {
    testTimeout: 120_000,
    // The first run installs moto from PyPI into .venv.
    hookTimeout: 300_000,
    projects: [
      // The fault table is printed and written once every file of this pass has finished.
      { extends: true, test: { name: 'proof', ...suites, globalSetup: [...suites.globalSetup, 'e2e/fault-table-setup.ts'] } },
      // Every end-to-end case again in debug mode, with AWS errors quoting the request (see the testkit's leak-hunt.ts).
      { extends: true, test: { name: 'leak-hunt', ...suites, include: ['e2e/**/*.e2e.test.ts'], env: { TESTKIT_LEAK_HUNT: '1' } } },
    ],
  },
});
