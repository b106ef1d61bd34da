// Public surface of the lessons (src/graph/lessons): the format, reading files, building their
// projects, checking steps against the learner's graph and runs, links, and the built-ins.
export * from './schema.ts';
export { parseLesson, lessonProblems, type LessonParseResult } from './parse.ts';
export { buildLessonGraph, lessonProject, lessonTraining, lessonDatasetChoice, lessonGraphNames, startGraphName, LessonGraphError } from './resolve.ts';
export * from './evaluate.ts';
export { attentionByModality, attentionFromProbe, probeColumnMeans, upstreamInputs } from './attention.ts';
export { encodeLessonHash, decodeLessonHash, isLessonHash } from './share.ts';
export { BUILTIN_LESSONS, BUILTIN_LESSON_FILES, builtinLesson } from './builtin.ts';
