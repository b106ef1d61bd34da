// Share links: the project, compressed into the URL hash.
import * as LZNamespace from 'lz-string';
import { canonicalProject, parseProject } from './document.ts';
import type { ParseResult, ProjectDocument } from './types.ts';

type LZ = typeof LZNamespace;
// lz-string is CommonJS: bundlers expose named exports, Node only a default export.
const lz: LZ = (LZNamespace as unknown as { default?: LZ }).default ?? LZNamespace;

/** Text compressed into characters safe in a URL (lz-string). Lesson links use it too. */
export function compressForUrl(text: string): string {
  return lz.compressToEncodedURIComponent(text);
}

/** The text compressForUrl made, or null when `data` is damaged. */
export function decompressFromUrl(data: string): string | null {
  try {
    return lz.decompressFromEncodedURIComponent(data) || null;
  } catch {
    return null;
  }
}

/** Longest hash encodeShareHash produces (characters, including "#project="). */
export const SHARE_HASH_LIMIT = 32_000;

const KEY = 'project';

export const DAMAGED_LINK_MESSAGE =
  'This share link is damaged: it could not be decompressed. Ask for the link again or open the .fusion.json file.';

/** "#project=<compressed>"; throws when the result would exceed SHARE_HASH_LIMIT. */
export function encodeShareHash(doc: ProjectDocument): string {
  const hash = `#${KEY}=${compressForUrl(JSON.stringify(canonicalProject(doc)))}`;
  if (hash.length > SHARE_HASH_LIMIT) {
    throw new Error(
      `This project is too big for a share link (${hash.length.toLocaleString('en-US')} characters; links hold at most ${SHARE_HASH_LIMIT.toLocaleString('en-US')}). Save it as a .fusion.json file and share the file instead.`,
    );
  }
  return hash;
}

/** Reads a project from a location hash ("#project=…", with or without the "#"). */
export function decodeShareHash(hash: string): ParseResult {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const entry = body.split('&').find((part) => part.startsWith(`${KEY}=`));
  if (entry === undefined) {
    const message = 'This link has no project in it (it should contain "#project=…"). Ask for the link again or open the .fusion.json file.';
    return { ok: false, message, issues: [{ path: '', message }] };
  }
  const damaged: ParseResult = { ok: false, message: DAMAGED_LINK_MESSAGE, issues: [{ path: '', message: DAMAGED_LINK_MESSAGE }] };
  const text = decompressFromUrl(entry.slice(KEY.length + 1));
  if (text === null) return damaged;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return damaged;
  }
  return parseProject(json);
}
