import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Unit tests, but some do real work (scrypt at 0.1 s of CPU a hash, a local HTTP server behind
    // the real SDK) and share two cores with the end-to-end suites: room, not a speed target.
    testTimeout: 20_000,
  },
});
