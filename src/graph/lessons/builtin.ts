// The lessons that ship with the app, in teaching order. Each is a JSON file in ./library (the format
// teachers use for their own, see docs/lessons.md), parsed here so a broken file fails loudly.
import type { Lesson } from './schema.ts';
import { parseLesson } from './parse.ts';
import paradigms from './library/01-paradigms.lesson.json';
import synergy from './library/02-synergy.lesson.json';
import missing from './library/03-missing-modalities.lesson.json';
import attention from './library/04-attention-noise.lesson.json';
import cost from './library/05-cost.lesson.json';
import realData from './library/06-real-data.lesson.json';

/** The raw files, in order (tests read them one by one). */
export const BUILTIN_LESSON_FILES: readonly { readonly file: string; readonly json: unknown }[] = [
  { file: '01-paradigms.lesson.json', json: paradigms },
  { file: '02-synergy.lesson.json', json: synergy },
  { file: '03-missing-modalities.lesson.json', json: missing },
  { file: '04-attention-noise.lesson.json', json: attention },
  { file: '05-cost.lesson.json', json: cost },
  { file: '06-real-data.lesson.json', json: realData },
];

function load(file: string, json: unknown): Lesson {
  const parsed = parseLesson(json);
  if (!parsed.ok) throw new Error(`The built-in lesson ${file} is broken: ${parsed.message}`);
  return parsed.lesson;
}

/** The built-in lessons, in teaching order. */
export const BUILTIN_LESSONS: readonly Lesson[] = BUILTIN_LESSON_FILES.map((f) => load(f.file, f.json));

/** The built-in lesson with this id. */
export function builtinLesson(id: string): Lesson | undefined {
  return BUILTIN_LESSONS.find((l) => l.id === id);
}
