// Runs the Playwright end-to-end tests with the machine's Chromium, or explains how to get one.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

const found = findChromium();
if (!found.ok) {
  console.error(`\n✖ e2e: ${found.message}\n`);
  process.exit(1);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: found.path, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(result.status ?? 1);
