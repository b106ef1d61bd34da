// Test support (imported by *.test.ts only): Node's file system and zlib, loaded at run time so the
// app's tsconfig (no Node types) still type-checks the tests that use them.

interface NodeFs {
  readFileSync(path: string | URL): Uint8Array;
  existsSync(path: string | URL): boolean;
}
interface NodeZlib {
  gunzipSync(data: Uint8Array): Uint8Array;
}

const load = <T,>(name: string): Promise<T> => import(/* @vite-ignore */ `node:${name}`) as Promise<T>;

export const nodeFs = (): Promise<NodeFs> => load<NodeFs>('fs');
export const nodeZlib = (): Promise<NodeZlib> => load<NodeZlib>('zlib');
