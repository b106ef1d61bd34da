// Regenerates the catalogue section of docs/nodes.md (between its "catalogue" markers) from the
// node registry. Run after changing a node kind:  npm run docs:nodes
// (src/cli/cli.test.ts fails while docs/nodes.md and the registry differ.)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogueMarkdown } from '../src/cli/catalogue.ts';
import { replaceGenerated } from '../src/cli/docs.ts';

const target = fileURLToPath(new URL('../docs/nodes.md', import.meta.url));
writeFileSync(target, replaceGenerated(readFileSync(target, 'utf8'), catalogueMarkdown()));
console.log(`Wrote the node catalogue into ${target}`);
