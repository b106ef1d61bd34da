// fusion-model.mjs is generated from src/export/bundle/runtime and src/compile/layers: the committed
// string must be what those sources bundle to now (run `npm run build:runtime` after changing them).
import { expect, it } from 'vitest';
import { nodeApis } from '../pytorch/testing.ts';
import { runNode } from './testing.ts';
import { FUSION_MODEL_MJS } from './runtimeSource.generated.ts';

it('runtimeSource.generated.ts is up to date with its sources', async () => {
  const node = await nodeApis();
  const repo = node.fileURLToPath(new URL('../../../', import.meta.url));
  const tsx = node.join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const run = runNode(node, repo, [tsx, 'scripts/build-runtime.ts', '--check'], 60_000);
  expect(run.stderr).not.toContain('stale');
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain(`up to date (${FUSION_MODEL_MJS.length} characters)`);
}, 70_000);
