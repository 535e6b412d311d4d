import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Steps spawn Node processes and moto; the first moto test may also install moto with pip.
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
