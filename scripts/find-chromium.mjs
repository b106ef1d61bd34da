// Locates the machine's Chromium for Playwright. Playwright never downloads a browser here.
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

export function findChromium(env = process.env, candidates = CHROMIUM_CANDIDATES) {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) {
      return { ok: false, message: `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but no file is there.` };
    }
    return { ok: true, path: env.CHROMIUM_PATH };
  }
  const found = candidates.find((p) => existsSync(p));
  if (found) return { ok: true, path: found };
  return {
    ok: false,
    message:
      'No Chromium found for the end-to-end tests (looked at ' +
      candidates.join(', ') +
      ').\nInstall Debian\'s Chromium:  sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary:  CHROMIUM_PATH=/path/to/chrome npm run test:e2e',
  };
}
