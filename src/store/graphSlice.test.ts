import { beforeEach, describe, expect, it } from 'vitest';
import { exampleProject, newProject } from '../graph/index.ts';
import type { ProjectDocument } from '../graph/index.ts';
import { createAppStore } from './createAppStore.ts';
import type { AppStore } from './createAppStore.ts';
import { HISTORY_LIMIT } from './history.ts';
import { PASTE_OFFSET } from './graphSlice.ts';

let store: AppStore;
const s = () => store.getState();
const graph = () => s().doc.graph;
const node = (id: string) => graph().nodes.find((n) => n.id === id);

beforeEach(() => {
  store = createAppStore(exampleProject());
});

describe('addNode', () => {
  it('adds a node with default params, selects it, and undo/redo take it away and back', () => {
    const before = s().doc;
    const id = s().addNode('encoder.mlp', { x: 10, y: 20 });
    expect(id).not.toBeNull();
    const added = node(id as string);
    expect(added).toMatchObject({ kind: 'encoder.mlp', position: { x: 10, y: 20 } });
    expect(Object.keys(added?.params ?? {})).not.toHaveLength(0);
    expect(s().selection.nodeIds).toEqual([id]);
    expect(before.graph.nodes.some((n) => n.id === id)).toBe(false);

    s().undo();
    expect(s().doc).toBe(before);
    expect(s().selection.nodeIds).toEqual([]);
    s().redo();
    expect(node(id as string)).toEqual(added);
  });

  it('refuses unknown kinds without recording anything', () => {
    const before = s().doc;
    expect(s().addNode('no.such.kind', { x: 0, y: 0 })).toBeNull();
    expect(s().doc).toBe(before);
    expect(s().past).toHaveLength(0);
  });

  it('gives fresh ids in the n<number> convention', () => {
    const a = s().addNode('encoder.mlp', { x: 0, y: 0 });
    const b = s().addNode('encoder.mlp', { x: 0, y: 0 });
    expect(a).toMatch(/^n\d+$/);
    expect(a).not.toBe(b);
    expect(new Set(graph().nodes.map((n) => n.id)).size).toBe(graph().nodes.length);
  });
});

describe('connect', () => {
  it('adds a valid edge as one undo step', () => {
    const mlp = s().addNode('encoder.mlp', { x: 0, y: 0 }) as string;
    const head = s().addNode('head.classify', { x: 300, y: 0 }) as string;
    const edgesBefore = graph().edges.length;
    const result = s().connect({ source: mlp, sourcePort: 'out', target: head, targetPort: 'in' });
    expect(result).toEqual({ ok: true });
    expect(graph().edges).toHaveLength(edgesBefore + 1);
    const edge = graph().edges.at(-1);
    expect(edge).toMatchObject({ source: mlp, sourcePort: 'out', target: head, targetPort: 'in' });
    expect(edge?.id).toMatch(/^e\d+$/);
    s().undo();
    expect(graph().edges).toHaveLength(edgesBefore);
    s().redo();
    expect(graph().edges).toHaveLength(edgesBefore + 1);
  });

  it('refuses an invalid connection and leaves the graph and history unchanged', () => {
    const text = s().addNode('input.text', { x: 0, y: 0 }) as string;
    const cnn = s().addNode('encoder.cnn2d', { x: 300, y: 0 }) as string;
    const doc = s().doc;
    const past = s().past;
    const result = s().connect({ source: text, sourcePort: 'out', target: cnn, targetPort: 'in' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/accepts/);
    expect(s().doc).toBe(doc);
    expect(s().past).toBe(past);
  });

  it('refuses a loop', () => {
    // n3 (image encoder) → n5 (fuse) exists; fuse → encoder would close a loop.
    const doc = s().doc;
    const result = s().connect({ source: 'n5', sourcePort: 'out', target: 'n3', targetPort: 'in' });
    expect(result.ok).toBe(false);
    expect(s().doc).toBe(doc);
  });
});

describe('setParam', () => {
  it('stores the raw value even when invalid, undoable', () => {
    const before = node('n4')?.params.units;
    s().setParam('n4', 'units', 0);
    expect(node('n4')?.params.units).toBe(0);
    s().undo();
    expect(node('n4')?.params.units).toBe(before);
    s().redo();
    expect(node('n4')?.params.units).toBe(0);
  });

  it('coalesces typing into one undo step until sealed', () => {
    const before = node('n4')?.params.units;
    s().setParam('n4', 'units', 1, { coalesce: true });
    s().setParam('n4', 'units', 12, { coalesce: true });
    s().setParam('n4', 'units', 128, { coalesce: true });
    expect(s().past).toHaveLength(1);
    s().sealHistory();
    s().setParam('n4', 'units', 256, { coalesce: true });
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(node('n4')?.params.units).toBe(128);
    s().undo();
    expect(node('n4')?.params.units).toBe(before);
  });

  it('does not coalesce edits of different params', () => {
    s().setParam('n4', 'units', 32, { coalesce: true });
    s().setParam('n4', 'layers', 3, { coalesce: true });
    expect(s().past).toHaveLength(2);
  });

  it('records nothing when the value does not change', () => {
    const doc = s().doc;
    s().setParam('n4', 'units', node('n4')?.params.units as number);
    expect(s().doc).toBe(doc);
    expect(s().past).toHaveLength(0);
  });
});

describe('moveNodes', () => {
  it('records one undo step for a whole drag', () => {
    const start = node('n1')?.position;
    s().moveNodes({ n1: { x: 1, y: 1 } }, 'drag');
    s().moveNodes({ n1: { x: 2, y: 2 } }, 'drag');
    s().moveNodes({ n1: { x: 3, y: 3 } }, 'drag');
    expect(s().past).toHaveLength(0);
    s().moveNodes({ n1: { x: 4, y: 4 } }, 'end');
    expect(s().past).toHaveLength(1);
    expect(node('n1')?.position).toEqual({ x: 4, y: 4 });
    s().undo();
    expect(node('n1')?.position).toEqual(start);
    s().redo();
    expect(node('n1')?.position).toEqual({ x: 4, y: 4 });
  });

  it('endDrag records the drag when the last update came with dragging', () => {
    const start = node('n1')?.position;
    s().moveNodes({ n1: { x: 9, y: 9 } }, 'drag');
    s().endDrag();
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(node('n1')?.position).toEqual(start);
  });

  it('undo during a drag settles the drag first', () => {
    const start = node('n1')?.position;
    s().moveNodes({ n1: { x: 5, y: 5 } }, 'drag');
    s().undo();
    expect(node('n1')?.position).toEqual(start);
    expect(s().dragBase).toBeNull();
  });

  it('keeps the identity of nodes that did not move', () => {
    const other = node('n2');
    s().moveNodes({ n1: { x: 50, y: 50 } }, 'drag');
    expect(node('n2')).toBe(other);
    expect(graph().edges).toBe(s().dragBase?.graph.edges);
  });

  it('a click without movement records nothing', () => {
    const doc = s().doc;
    const p = node('n1')?.position ?? { x: 0, y: 0 };
    s().moveNodes({ n1: p }, 'end');
    expect(s().doc).toBe(doc);
    expect(s().past).toHaveLength(0);
  });
});

describe('removeSelected', () => {
  it('removes selected nodes with their edges and selected edges, undoable', () => {
    const before = s().doc;
    s().setSelection({ nodeIds: ['n5'], edgeIds: ['e1'] });
    s().removeSelected();
    expect(node('n5')).toBeUndefined();
    expect(graph().edges.some((e) => e.source === 'n5' || e.target === 'n5' || e.id === 'e1')).toBe(false);
    expect(s().selection).toEqual({ nodeIds: [], edgeIds: [] });
    s().undo();
    expect(s().doc).toBe(before);
  });

  it('does nothing with an empty selection', () => {
    s().clearSelection();
    const doc = s().doc;
    s().removeSelected();
    expect(s().doc).toBe(doc);
    expect(s().past).toHaveLength(0);
  });
});

describe('copy, paste, duplicate', () => {
  it('pastes with fresh ids, offset, and the edges among the copied nodes only', () => {
    s().setSelection({ nodeIds: ['n1', 'n3', 'n5'], edgeIds: [] });
    expect(s().copySelection()).toBe(3);
    const before = graph();
    const pasted = s().paste();
    expect(pasted).toHaveLength(3);
    const oldIds = new Set(before.nodes.map((n) => n.id));
    for (const id of pasted) expect(oldIds.has(id)).toBe(false);
    expect(graph().nodes).toHaveLength(before.nodes.length + 3);
    // n1→n3 and n3→n5 were among the copied nodes; n2/n4/n6 edges were not.
    const newEdges = graph().edges.filter((e) => !before.edges.includes(e));
    expect(newEdges).toHaveLength(2);
    const pastedSet = new Set(pasted);
    for (const e of newEdges) {
      expect(pastedSet.has(e.source)).toBe(true);
      expect(pastedSet.has(e.target)).toBe(true);
      expect(before.edges.some((old) => old.id === e.id)).toBe(false);
    }
    const [copyOfN1] = pasted;
    const original = before.nodes.find((n) => n.id === 'n1');
    const copy = graph().nodes.find((n) => n.id === copyOfN1);
    expect(copy?.kind).toBe(original?.kind);
    expect(copy?.params).toEqual(original?.params);
    expect(copy?.position).toEqual({ x: (original?.position.x ?? 0) + PASTE_OFFSET, y: (original?.position.y ?? 0) + PASTE_OFFSET });
    expect(s().selection.nodeIds).toEqual(pasted);

    // A second paste moves further and gets new ids again.
    const again = s().paste();
    const copy2 = graph().nodes.find((n) => n.id === again[0]);
    expect(copy2?.position.x).toBe((original?.position.x ?? 0) + 2 * PASTE_OFFSET);
    expect(new Set([...pasted, ...again]).size).toBe(6);

    s().undo();
    s().undo();
    expect(graph()).toBe(before);
  });

  it('paste with an empty clipboard does nothing', () => {
    const doc = s().doc;
    expect(s().paste()).toEqual([]);
    expect(s().doc).toBe(doc);
  });

  it('duplicate copies the selection in one step without touching the clipboard', () => {
    s().setSelection({ nodeIds: ['n4', 'n6'], edgeIds: [] });
    const ids = s().duplicateSelection();
    expect(ids).toHaveLength(2);
    expect(s().clipboard).toBeNull();
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(graph().nodes).toHaveLength(6);
  });
});

describe('labels, names, layout, loading', () => {
  it('sets and clears a label', () => {
    s().setLabel('n1', 'Photo');
    expect(node('n1')?.label).toBe('Photo');
    s().sealHistory();
    s().setLabel('n1', '  ');
    expect(node('n1')).not.toHaveProperty('label');
    s().undo();
    expect(node('n1')?.label).toBe('Photo');
  });

  it('renames the project, coalescing keystrokes', () => {
    const name = s().doc.name;
    s().renameProject('M');
    s().renameProject('My');
    s().renameProject('My model');
    expect(s().doc.name).toBe('My model');
    s().undo();
    expect(s().doc.name).toBe(name);
  });

  it('auto-layout is one undo step', () => {
    s().moveNodes({ n1: { x: 999, y: 999 } });
    const moved = s().doc;
    s().autoLayout();
    expect(node('n1')?.position).not.toEqual({ x: 999, y: 999 });
    s().undo();
    expect(s().doc).toBe(moved);
  });

  it('loadProject is undoable, clears the selection and asks for a fit', () => {
    const before = s().doc;
    s().selectNode('n1');
    const other: ProjectDocument = newProject('Other');
    s().loadProject(other);
    expect(s().doc).toBe(other);
    expect(s().selection.nodeIds).toEqual([]);
    expect(s().viewRequest?.kind).toBe('fit');
    s().undo();
    expect(s().doc).toBe(before);
  });

  it('resetProject forgets history', () => {
    s().addNode('encoder.mlp', { x: 0, y: 0 });
    s().resetProject(newProject('Fresh'));
    expect(s().past).toHaveLength(0);
    expect(s().future).toHaveLength(0);
    expect(s().doc.name).toBe('Fresh');
  });
});

describe('history', () => {
  it('a new edit clears the redo stack', () => {
    s().setParam('n4', 'units', 10);
    s().undo();
    expect(s().future).toHaveLength(1);
    s().setParam('n4', 'units', 20);
    expect(s().future).toHaveLength(0);
  });

  it(`keeps at most ${HISTORY_LIMIT} undo steps`, () => {
    for (let i = 0; i < HISTORY_LIMIT + 25; i++) s().moveNodes({ n1: { x: i, y: 0 } });
    expect(s().past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) s().undo();
    expect(node('n1')?.position).toEqual({ x: 24, y: 0 });
  });

  it('undo and redo with nothing to do are no-ops', () => {
    const doc = s().doc;
    s().undo();
    s().redo();
    expect(s().doc).toBe(doc);
  });

  it('undo prunes the selection to nodes that still exist', () => {
    const id = s().addNode('encoder.mlp', { x: 0, y: 0 }) as string;
    expect(s().selection.nodeIds).toEqual([id]);
    s().undo();
    expect(s().selection.nodeIds).toEqual([]);
  });
});
