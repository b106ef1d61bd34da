// Lesson links: "#lesson=<id>" opens a built-in lesson; "#lesson=<compressed JSON>" carries a
// teacher's own lesson whole (lz-string, as project share links do).
import { SHARE_HASH_LIMIT, compressForUrl, decompressFromUrl } from '../share.ts';
import type { DatasetDescriptor } from '../dataset.ts';
import { parseLesson } from './parse.ts';
import type { LessonParseResult } from './parse.ts';
import type { Lesson } from './schema.ts';

const KEY = 'lesson';

export const isLessonHash = (hash: string): boolean => /^#?lesson=/.test(hash);

/** "#lesson=<id>" for a built-in lesson, else the whole lesson compressed. Throws when too long for a link. */
export function encodeLessonHash(lesson: Lesson, builtin: boolean): string {
  if (builtin) return `#${KEY}=${lesson.id}`;
  const hash = `#${KEY}=${compressForUrl(JSON.stringify(lesson))}`;
  if (hash.length > SHARE_HASH_LIMIT) {
    throw new Error(
      `This lesson is too big for a link (${hash.length.toLocaleString('en-US')} characters; links hold at most ${SHARE_HASH_LIMIT.toLocaleString('en-US')}). Share its .lesson.json file instead.`,
    );
  }
  return hash;
}

/** Reads a lesson from "#lesson=…" (with or without the "#"): a built-in id, or a compressed lesson. */
export function decodeLessonHash(hash: string, builtins: readonly Lesson[], datasets?: readonly DatasetDescriptor[]): LessonParseResult {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const entry = body.split('&').find((part) => part.startsWith(`${KEY}=`));
  const fail = (message: string): LessonParseResult => ({ ok: false, message, issues: [{ path: '', message }] });
  if (entry === undefined) return fail('This link has no lesson in it (it should contain "#lesson=…").');
  const encoded = entry.slice(KEY.length + 1);
  let value: string;
  try {
    value = decodeURIComponent(encoded);
  } catch {
    // A broken %-escape (a link cut off when copied): not decodable, so damaged.
    value = encoded;
  }
  const builtin = builtins.find((l) => l.id === value);
  if (builtin !== undefined) return { ok: true, lesson: builtin };
  const text = decompressFromUrl(value);
  if (text === null || !text.startsWith('{')) {
    const ids = builtins.map((l) => l.id).join(', ');
    return fail(`This lesson link is damaged or names no known lesson ("${value.slice(0, 40)}"). Built-in lessons are ${ids}; ask for the link again or open the .lesson.json file.`);
  }
  return parseLesson(text, datasets);
}
