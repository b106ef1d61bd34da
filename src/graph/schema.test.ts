import { describe, expect, it } from 'vitest';
import committed from '../../public/schema/project-v1.schema.json?raw';
import { DIAGNOSTIC_INFO } from './diagnostics.ts';
import { PROJECT_SCHEMA_ID, parseProject, projectJsonSchema } from './document.ts';
import { validateGraph } from './validate.ts';

describe('public/schema/project-v1.schema.json', () => {
  it('equals projectJsonSchema() (regenerate with: npx tsx scripts/write-schema.ts)', () => {
    expect(committed).toBe(`${JSON.stringify(projectJsonSchema(), null, 2)}\n`);
  });

  it('has an id, a title and requires the top-level fields', () => {
    const s = projectJsonSchema();
    expect(s['$id']).toBe(PROJECT_SCHEMA_ID);
    expect(s['title']).toBe('Fusion Designer project (version 1)');
    expect(s['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s['required']).toEqual(['format', 'version', 'name', 'graph', 'dataset', 'training']);
    expect(s['additionalProperties']).toBe(false);
  });
});

describe('docs/project-format.md', () => {
  it('has an example that parses and validates clean', async () => {
    const { default: doc } = await import('../../docs/project-format.md?raw');
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const r = parseProject(block);
    expect(r.ok).toBe(true);
    expect(r.ok && validateGraph(r.document.graph)).toEqual([]);
  });

  it('lists every diagnostic number and code', async () => {
    const { default: doc } = await import('../../docs/project-format.md?raw');
    for (const [code, info] of Object.entries(DIAGNOSTIC_INFO)) {
      expect(doc).toContain(`| ${info.number} | \`${code}\` | ${info.severity} |`);
    }
  });
});
