import { describe, expect, it } from 'vitest';
import { NODE_KIND_IDS, getKind } from '../registry.ts';
import { NODE_INFO, infoCard } from './info.ts';

describe('node info cards', () => {
  it('every kind has a complete card: what, math, parameters, cost, when to use it, and a source', () => {
    expect(NODE_KIND_IDS.length).toBeGreaterThanOrEqual(30);
    for (const id of NODE_KIND_IDS) {
      const card = infoCard(id);
      expect(card, id).toBeDefined();
      if (card === undefined) continue;
      expect(card.id).toBe(id);
      for (const field of ['title', 'what', 'math', 'params', 'cost', 'whenToUse', 'paper'] as const) {
        expect(card[field].trim().length, `${id}: ${field}`).toBeGreaterThan(0);
      }
      // Sentences, not stubs: the what, the cost and the advice say something.
      expect(card.what.length, `${id}: what`).toBeGreaterThan(80);
      expect(card.cost.length, `${id}: cost`).toBeGreaterThan(25);
      expect(card.whenToUse.length, `${id}: whenToUse`).toBeGreaterThan(40);
      // A source names its authors and year (or a book), so a student can find it.
      expect(card.paper, `${id}: paper`).toMatch(/(19|20)\d\d/);
    }
  });

  it('has no card for a kind the registry does not know, and no second source for kinds that cite one', () => {
    expect(Object.keys(NODE_INFO).sort()).toEqual([...NODE_KIND_IDS].sort());
    expect(infoCard('fusion.nope')).toBeUndefined();
    // A kind citing its paper in its declaration keeps one source of truth.
    expect(infoCard('fusion.tensor')?.paper).toBe('Zadeh et al. 2017, Tensor Fusion Network for Multimodal Sentiment Analysis, arXiv 1707.07250');
    for (const id of NODE_KIND_IDS) {
      const cites = getKind(id)?.reference !== undefined;
      expect('paper' in NODE_INFO[id], `${id}: its declaration ${cites ? 'cites' : 'does not cite'} a paper`).toBe(!cites);
    }
    expect(infoCard('input.audio')?.paper).toMatch(/^Hershey et al\. 2017/);
  });
});
