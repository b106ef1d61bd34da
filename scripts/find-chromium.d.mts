export declare const CHROMIUM_CANDIDATES: readonly string[];
export declare function findChromium(
  env?: Record<string, string | undefined>,
  candidates?: readonly string[],
): { ok: true; path: string } | { ok: false; message: string };
