#!/usr/bin/env node
// The fusion-designer command (package.json "bin"): runs src/cli/main.ts through tsx (a
// devDependency), in-process, wired to this process's streams, files and exit code.
// Usage: npx fusion-designer --help
import { readFile } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
const { nodeCliFiles } = await tsImport('../src/cli/files.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  files: await nodeCliFiles(new URL('../', import.meta.url)),
});
