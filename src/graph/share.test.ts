import { describe, expect, it } from 'vitest';
import { newProject } from './document.ts';
import { DAMAGED_LINK_MESSAGE, SHARE_HASH_LIMIT, decodeShareHash, encodeShareHash } from './share.ts';
import { exampleProject } from './templates.ts';
import type { GraphNode, ProjectDocument } from './types.ts';

describe('share links', () => {
  it('round-trips a project, with or without the leading #', () => {
    const doc = exampleProject();
    const hash = encodeShareHash(doc);
    expect(hash).toMatch(/^#project=[A-Za-z0-9+\-$]+$/);
    expect(decodeShareHash(hash)).toEqual({ ok: true, document: doc });
    expect(decodeShareHash(hash.slice(1))).toEqual({ ok: true, document: doc });
    expect(decodeShareHash(`#view=1&${hash.slice(1)}`)).toEqual({ ok: true, document: doc });
  });

  it('is deterministic', () => {
    expect(encodeShareHash(exampleProject())).toBe(encodeShareHash(exampleProject()));
  });

  it('says a truncated or garbled link is damaged', () => {
    const hash = encodeShareHash(exampleProject());
    const damaged = { ok: false, message: DAMAGED_LINK_MESSAGE, issues: [{ path: '', message: DAMAGED_LINK_MESSAGE }] };
    expect(DAMAGED_LINK_MESSAGE).toBe(
      'This share link is damaged: it could not be decompressed. Ask for the link again or open the .fusion.json file.',
    );
    expect(decodeShareHash(hash.slice(0, Math.floor(hash.length / 2)))).toEqual(damaged);
    expect(decodeShareHash(hash.slice(0, -3))).toEqual(damaged);
    expect(decodeShareHash('#project=')).toEqual(damaged);
    expect(decodeShareHash('#project=%%%not-lz')).toEqual(damaged);
  });

  it('says when there is no project in the hash', () => {
    const r = decodeShareHash('#lesson=3');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe('This link has no project in it (it should contain "#project=…"). Ask for the link again or open the .fusion.json file.');
  });

  it('passes the decoded JSON through parseProject', () => {
    const hash = encodeShareHash({ ...newProject(), version: 2 } as unknown as ProjectDocument);
    const r = decodeShareHash(hash);
    expect(!r.ok && r.message).toMatch(/^This project was made by a newer version of Fusion Designer \(version 2\)/);
  });

  it('refuses a project too big for a link', () => {
    // Labels from a simple PRNG so compression can't shrink them much.
    let seed = 1;
    const rand = (): string => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed.toString(36);
    };
    const nodes: GraphNode[] = Array.from({ length: 1500 }, (_, i) => ({
      id: `n${i}`,
      kind: 'input.tabular',
      label: `${rand()}${rand()}${rand()}`,
      position: { x: i, y: i },
      params: { features: i + 1 },
    }));
    const doc: ProjectDocument = { ...newProject('Huge'), graph: { nodes, edges: [] } };
    expect(() => encodeShareHash(doc)).toThrow(/^This project is too big for a share link \([\d,]+ characters; links hold at most 32,000\)\. Save it as a \.fusion\.json file and share the file instead\.$/);
    expect(SHARE_HASH_LIMIT).toBe(32_000);
  });
});
