import { describe, expect, it } from 'vitest';
import { checkConnection } from './connect.ts';
import { edge, graphOf, node } from './testing.ts';
import type { ConnectionRequest } from './types.ts';

const g = graphOf(
  [
    node('img', 'input.image', {}, 'Photo'),
    node('txt', 'input.text'),
    node('tab', 'input.tabular'),
    node('cnn', 'encoder.cnn2d'),
    node('a', 'encoder.mlp', {}, 'A'),
    node('b', 'encoder.mlp', {}, 'B'),
    node('cat', 'fusion.concat'),
    node('head', 'head.classify'),
    node('mystery', 'fusion.mystery'),
  ],
  [edge('e1', 'img', 'cnn'), edge('e2', 'a', 'b'), edge('e3', 'cnn', 'cat'), edge('e4', 'b', 'cat'), edge('e5', 'cat', 'head')],
);
const req = (source: string, target: string, targetPort = 'in', sourcePort = 'out'): ConnectionRequest => ({ source, sourcePort, target, targetPort });
const reason = (r: ReturnType<typeof checkConnection>): string => (r.ok ? 'ok' : r.reason);

describe('checkConnection', () => {
  it('allows compatible, free, acyclic connections', () => {
    expect(checkConnection(g, req('tab', 'a'))).toEqual({ ok: true });
    expect(checkConnection(g, req('img', 'a'))).toEqual({ ok: true });
    // Concatenate takes any number of inputs.
    expect(checkConnection(g, req('a', 'cat'))).toEqual({ ok: true });
  });

  it('rejects unknown nodes, kinds and ports', () => {
    expect(reason(checkConnection(g, req('ghost', 'a')))).toBe("The source node ghost doesn't exist.");
    expect(reason(checkConnection(g, req('tab', 'ghost')))).toBe("The target node ghost doesn't exist.");
    expect(reason(checkConnection(g, req('tab', 'mystery')))).toBe('fusion.mystery has an unknown kind (fusion.mystery), so it can\'t be connected.');
    expect(reason(checkConnection(g, req('tab', 'a', 'in', 'features')))).toBe('Tabular input has no output "features".');
    expect(reason(checkConnection(g, req('tab', 'a', 'side')))).toBe('A has no input "side".');
    expect(reason(checkConnection(g, req('head', 'tab')))).toBe('Tabular input has no input "in".');
  });

  it('lets a pass-through node without an input connect wherever its input types could go', () => {
    const fresh = graphOf([node('drop', 'reg.dropout'), node('cnn', 'encoder.cnn2d'), node('emb', 'encoder.embedding'), node('img', 'input.image')], []);
    // A fresh Dropout may carry an image, so it may feed a CNN…
    expect(checkConnection(fresh, req('drop', 'cnn'))).toEqual({ ok: true });
    // …but never text tokens, which it does not accept.
    expect(reason(checkConnection(fresh, req('drop', 'emb')))).toBe(
      'Token embedding\'s "Tokens" input accepts text, but Dropout gives vector, tokens, image, audio, tabular or sequence.',
    );
    // Once its input is connected, its output has that input's type.
    const fed = graphOf([node('drop', 'reg.dropout'), node('cnn', 'encoder.cnn2d'), node('tab', 'input.tabular')], [edge('e1', 'tab', 'drop')]);
    expect(reason(checkConnection(fed, req('drop', 'cnn')))).toMatch(/accepts image, but Dropout gives/);
  });

  it('rejects a self-loop', () => {
    expect(reason(checkConnection(g, req('a', 'a')))).toBe("A can't connect to itself.");
  });

  it('rejects incompatible types, naming what the port accepts and what the source gives', () => {
    expect(reason(checkConnection(g, req('txt', 'cnn')))).toBe('CNN encoder\'s "Image" input accepts image, but Text input gives text tokens.');
    expect(reason(checkConnection(g, req('txt', 'a')))).toBe(
      'A\'s "Data" input accepts tabular, vector, image, audio or sequence, but Text input gives text tokens.',
    );
    expect(reason(checkConnection(g, req('tab', 'head')))).toBe('Classifier\'s "Features" input accepts vector, but Tabular input gives tabular features.');
    expect(reason(checkConnection(g, req('head', 'a')))).toBe(
      'A\'s "Data" input accepts tabular, vector, image, audio or sequence, but Classifier gives a prediction.',
    );
  });

  it('rejects a duplicate edge', () => {
    expect(reason(checkConnection(g, req('cnn', 'cat')))).toBe('CNN encoder is already connected to this input.');
  });

  it('rejects an edge into a full port', () => {
    const extraImage = graphOf([...g.nodes, node('img2', 'input.image')], g.edges);
    expect(reason(checkConnection(extraImage, req('img2', 'cnn')))).toBe('CNN encoder\'s "Image" input already has its one connection; delete one first.');
    expect(reason(checkConnection(g, req('a', 'head')))).toBe('Classifier\'s "Features" input already has its one connection; delete one first.');
  });

  it('rejects an edge that would close a loop', () => {
    expect(reason(checkConnection(g, req('b', 'a')))).toBe('This would make a loop (A → B → A); data must flow one way.');
    // A longer loop: cat → … → a → b → cat.
    const g2 = graphOf([...g.nodes, node('c', 'encoder.mlp', {}, 'C')], [...g.edges, edge('e6', 'c', 'a')]);
    expect(reason(checkConnection(g2, req('cat', 'c')))).toBe('This would make a loop (C → A → B → Concatenate → C); data must flow one way.');
  });
});
