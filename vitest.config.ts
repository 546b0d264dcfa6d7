import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // beforeAll hooks that spawn the CLI (tsx start-up, preprocess) take tens of seconds on a busy 2-core machine.
    hookTimeout: 120_000,
  },
});
