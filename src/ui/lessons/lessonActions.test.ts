// The lesson panel's actions: button labels, the arena strategies a lesson may name, and reading a
// lesson file with the app's catalogue.
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_LESSON_FILES, BUILTIN_LESSONS } from '../../graph/lessons/index.ts';
import type { Lesson } from '../../graph/lessons/index.ts';
import { appStore } from '../../store/index.ts';
import { actionLabel, hasButton, readLesson, unknownStrategies } from './lessonActions.ts';

const synergy = BUILTIN_LESSONS.find((l) => l.id === 'synergy') as Lesson;

beforeEach(() => {
  appStore.setState({ catalogue: null });
});

describe('lesson actions', () => {
  it('names each action’s button in the learner’s words', () => {
    expect(actionLabel({ type: 'load', graph: 'tensor' }, synergy)).toBe('Load “Tensor fusion”');
    expect(actionLabel({ type: 'train' }, synergy)).toBe('Train');
    expect(actionLabel({ type: 'edit', solution: 'tensor' }, synergy)).toBe('Do it for me');
    expect(actionLabel({ type: 'dataset', options: { noise: 0.6, samples: 400 } }, synergy)).toBe('Set noise 0.6, samples 400');
    expect(actionLabel({ type: 'observe', tab: 'arena' }, synergy)).toBe('Show the Fusion arena');
    expect(hasButton({ type: 'edit' })).toBe(false);
    expect(hasButton({ type: 'observe' })).toBe(false);
    expect(hasButton({ type: 'arena', strategies: ['late'] })).toBe(true);
  });

  it('refuses a lesson that runs the arena with a strategy this version lacks', () => {
    const raw = structuredClone(BUILTIN_LESSON_FILES[1]?.json) as { steps: { action: unknown }[] };
    const step = raw.steps[1];
    if (step) step.action = [{ type: 'arena', strategies: ['late', 'tensor', 'quantum'] }];
    const r = readLesson(raw);
    expect(r.ok ? '' : r.message).toBe(
      'The lesson runs the arena with "quantum", which this version does not have (it has early, concat, late, modalityAttention, crossAttention, transformer, tensor, lowRank, gated, bilinear, elementwise).',
    );
    for (const lesson of BUILTIN_LESSONS) expect(unknownStrategies(lesson), lesson.id).toEqual([]);
  });

  it('reads a lesson file with the catalogue the worker sent', () => {
    expect(readLesson(JSON.stringify(BUILTIN_LESSON_FILES[1]?.json)).ok).toBe(true);
    appStore.setState({ catalogue: [] });
    const r = readLesson(JSON.stringify(BUILTIN_LESSON_FILES[1]?.json));
    expect(r.ok ? '' : r.message).toMatch(/^dataset\.id: there is no dataset "synthetic\.synergy"/);
  });
});
