import { beforeEach, describe, expect, it } from 'vitest';
import { exampleProject } from '../graph/index.ts';
import { createAppStore } from './createAppStore.ts';
import type { AppStore } from './createAppStore.ts';
import {
  describeCounts,
  selectCanRedo,
  selectCanUndo,
  selectDiagnosticCounts,
  selectDiagnostics,
  selectEdgeShape,
  selectNodeById,
  selectNodeSeverity,
  selectParamCount,
  selectShapes,
  selectTotalParams,
} from './selectors.ts';

let store: AppStore;
const s = () => store.getState();

beforeEach(() => {
  store = createAppStore(exampleProject());
});

describe('derived data', () => {
  it('the example project is valid and has shapes and param counts', () => {
    expect(selectDiagnostics(s())).toEqual([]);
    expect(describeCounts(selectDiagnosticCounts(s()))).toBe('No problems');
    expect(selectEdgeShape(s(), 'e1')?.type).toBe('image');
    expect(selectParamCount(s(), 'n3')).toBeGreaterThan(0);
    expect(selectTotalParams(s())).toBeGreaterThan(0);
  });

  it('is memoised: moving a node does not recompute shapes or diagnostics', () => {
    const shapes = selectShapes(s());
    const diagnostics = selectDiagnostics(s());
    s().moveNodes({ n1: { x: 123, y: 45 } }, 'drag');
    expect(selectShapes(s())).toBe(shapes);
    expect(selectDiagnostics(s())).toBe(diagnostics);
  });

  it('recomputes after a param edit, and undo finds the earlier result again', () => {
    const shapes = selectShapes(s());
    s().setParam('n4', 'units', 0);
    expect(selectShapes(s())).not.toBe(shapes);
    expect(selectNodeSeverity(s(), 'n4')).toBe('error');
    expect(selectDiagnosticCounts(s()).errors).toBeGreaterThan(0);
    expect(selectDiagnostics(s()).some((d) => d.nodeId === 'n4' && d.severity === 'error')).toBe(true);
    s().undo();
    expect(selectShapes(s())).toBe(shapes);
    expect(selectNodeSeverity(s(), 'n4')).toBeNull();
  });

  it('describes counts', () => {
    expect(describeCounts({ errors: 2, warnings: 1 })).toBe('2 errors, 1 warning');
    expect(describeCounts({ errors: 1, warnings: 0 })).toBe('1 error');
    expect(describeCounts({ errors: 0, warnings: 3 })).toBe('3 warnings');
  });

  it('finds nodes by id and reports undo/redo availability', () => {
    expect(selectNodeById(s(), 'n1')?.kind).toBe('input.image');
    expect(selectNodeById(s(), 'nope')).toBeUndefined();
    expect(selectCanUndo(s())).toBe(false);
    s().moveNodes({ n1: { x: 1, y: 1 } }, 'drag');
    expect(selectCanUndo(s())).toBe(true);
    s().endDrag();
    s().undo();
    expect(selectCanRedo(s())).toBe(true);
  });
});
