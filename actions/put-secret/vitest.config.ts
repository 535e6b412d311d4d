import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One moto server per project; each test uses its own secret names.
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    // The first run installs moto from PyPI into .venv.
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'] } },
      // Every e2e file again, in debug mode with AWS errors quoting the request (see the testkit's leak-hunt.ts).
      { extends: true, test: { name: 'leak-hunt', include: ['e2e/**/*.test.ts'], env: { TESTKIT_LEAK_HUNT: '1' } } },
    ],
  },
});
