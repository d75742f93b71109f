import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit tests (*.test.ts) do no I/O; integration tests (*.int.test.ts) use real SQLite files, loopback
// sockets and mDNS, so the whole suite runs inside `unshare -n` (see scripts/netns.sh).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'electron/**/*.test.ts',
            'shared/**/*.test.ts',
            'simulator/**/*.test.ts',
            'bench/**/*.test.ts',
            'scripts/**/*.test.ts',
            'conformance/**/*.test.ts',
            'test-support/**/*.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          setupFiles: ['renderer/src/app/zod-words.ts'],
          // The theme's stylesheet is read as text by its contrast test (app/theme-contrast.test.ts).
          css: { include: [/app\/theme\.css/] },
        },
      },
    ],
  },
});
