import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The machines are shared and 2-core: tfjs training tests must not fail on a busy moment.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
