// Headless Chromium for the benchmarks: the machine's binary (scripts/find-chromium.mjs), the
// launch flags of playwright.config.ts (WebGPU on SwiftShader included), a fresh profile.
import { chromium, type Browser } from '@playwright/test';
import { findChromium } from '../../scripts/find-chromium.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan,WebGPU',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
] as const;

export interface Launched {
  readonly browser: Browser;
  readonly path: string;
  readonly version: string;
}

export async function launchChromium(): Promise<Launched> {
  const found = findChromium();
  if (!found.ok) throw new Error(found.message);
  // launch() gives every browser a fresh temporary profile (user-data-dir), removed on close.
  const browser = await chromium.launch({ executablePath: found.path, headless: true, args: [...CHROMIUM_ARGS] });
  return { browser, path: found.path, version: browser.version() };
}
