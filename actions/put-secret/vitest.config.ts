import { defineConfig } from 'vitest/config';

// One moto server per e2e project (started by the global setup); each test uses its own secret names.
const e2e = { include: ['e2e/**/*.test.ts'], globalSetup: ['e2e/global-setup.ts'] };

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // The first run installs moto from PyPI into .venv.
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', ...e2e } },
      // Every e2e file again, as a debug re-run with AWS errors quoting the request (see the testkit's leak-hunt.ts).
      { extends: true, test: { name: 'leak-hunt', ...e2e, env: { TESTKIT_LEAK_HUNT: '1' } } },
    ],
  },
});
