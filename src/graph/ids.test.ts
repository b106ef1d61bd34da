import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('counts past the largest taken number of the same prefix', () => {
    expect(newId('n', [])).toBe('n1');
    expect(newId('n', ['n1', 'n2', 'n5'])).toBe('n6');
    expect(newId('e', ['n9', 'e3', 'edge', 'e'])).toBe('e4');
    expect(newId('n', new Set(['n1', 'nx7']))).toBe('n2');
  });

  it('never returns a taken id', () => {
    const taken: string[] = [];
    for (let i = 0; i < 50; i++) {
      const id = newId('n', taken);
      expect(taken).not.toContain(id);
      taken.push(id);
    }
  });

  it('without taken ids, gives a short random base36 suffix', () => {
    const a = newId('n');
    const b = newId('n');
    expect(a).toMatch(/^n[0-9a-z]{6}$/);
    expect(a).not.toBe(b);
  });
});
