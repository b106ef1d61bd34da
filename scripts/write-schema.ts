// Writes the project JSON Schema to public/schema/project-v1.schema.json.
// Run after changing src/graph/document.ts:  npx tsx scripts/write-schema.ts
// (src/graph/schema.test.ts fails while the committed file and projectJsonSchema() differ.)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { projectJsonSchema } from '../src/graph/document.ts';

const target = fileURLToPath(new URL('../public/schema/project-v1.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(projectJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${target}`);
