// Writes the import E2E fixtures: e2e/fixtures/data/pets.csv and pets.zip (tiny PNGs of drawn
// animals' "portraits": shapes by class), and shapes/ (a folder dataset, one subfolder per class).
// Deterministic; run `node scripts/make-import-fixture.mjs`. The CSV has 40 data rows, three of
// them deliberately bad, and one missing number (filled).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, zlibSync } from 'fflate';

const OUT = join(process.cwd(), 'e2e', 'fixtures', 'data');

// ---------------------------------------------------------------- a minimal PNG encoder (RGB, 8-bit)
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
function png(width, height, pixel) {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0;
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (1 + width * 3) + 1 + x * 3);
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---------------------------------------------------------------- data
let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const CLASSES = {
  cat: { colour: [235, 140, 60], shape: 'circle', words: ['fluffy', 'calm', 'curious', 'sleepy', 'purrs', 'soft'], weight: [3, 6] },
  dog: { colour: [70, 120, 230], shape: 'square', words: ['loud', 'loyal', 'playful', 'barks', 'friendly', 'fetches'], weight: [8, 30] },
  bird: { colour: [60, 190, 110], shape: 'triangle', words: ['small', 'bright', 'sings', 'feathers', 'chirps', 'quick'], weight: [0.1, 0.9] },
};
function portrait(kind, size) {
  const { colour, shape } = CLASSES[kind];
  const cx = size / 2 + (rand() - 0.5) * size * 0.2;
  const cy = size / 2 + (rand() - 0.5) * size * 0.2;
  const r = size * (0.25 + rand() * 0.1);
  const bg = [240 - Math.floor(rand() * 30), 240 - Math.floor(rand() * 30), 235];
  return png(size, size, (x, y) => {
    const dx = x + 0.5 - cx;
    const dy = y + 0.5 - cy;
    const inside =
      shape === 'circle' ? dx * dx + dy * dy <= r * r : shape === 'square' ? Math.abs(dx) <= r && Math.abs(dy) <= r : dy <= r && dy >= -r && Math.abs(dx) <= (dy + r) / 2;
    return inside ? colour : bg;
  });
}

const kinds = Object.keys(CLASSES);
const rows = ['id,photo,weight_kg,age_years,description,label'];
const files = {};
for (let i = 1; i <= 40; i++) {
  const line = i + 1;
  const kind = kinds[(i - 1) % 3];
  const c = CLASSES[kind];
  const photo = `${kind}_${String(i).padStart(2, '0')}.png`;
  const weight = (c.weight[0] + rand() * (c.weight[1] - c.weight[0])).toFixed(1);
  const age = String(1 + Math.floor(rand() * 12));
  const pick = () => c.words[Math.floor(rand() * c.words.length)];
  const description = i % 4 === 0 ? `"${pick()}, ${pick()} and ${pick()}"` : `${pick()} ${pick()}`;
  const cells = [`P${String(i).padStart(3, '0')}`, photo, weight, age, description, kind];
  if (line === 8) cells[2] = 'heavy'; // bad number
  if (line === 15) cells[1] = 'cat_99.png'; // not in the zip
  if (line === 23) cells[5] = ''; // empty label
  if (line === 30) cells[3] = ''; // missing number: filled, kept
  rows.push(cells.join(','));
  if (line !== 15) files[`pets/images/${photo}`] = portrait(kind, i === 5 || i === 17 ? 32 : 24);
}
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'pets.csv'), `${rows.join('\n')}\n`);
// Fixed timestamps so the zip is byte-for-byte the same on every run.
const mtime = new Date('2024-01-01T00:00:00Z');
writeFileSync(join(OUT, 'pets.zip'), zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0, mtime }]]))));

// A folder dataset (one subfolder per class) for the directory picker: shapes/circle, shapes/square,
// and one file of the wrong type that the import must report.
const SHAPES = join(OUT, 'shapes');
rmSync(SHAPES, { recursive: true, force: true });
for (const [folder, kind] of [['circle', 'cat'], ['square', 'dog']]) {
  mkdirSync(join(SHAPES, folder), { recursive: true });
  for (let i = 1; i <= 6; i++) writeFileSync(join(SHAPES, folder, `${folder}${i}.png`), portrait(kind, 16));
}
writeFileSync(join(SHAPES, 'square', 'notes.txt'), 'Squares drawn by hand.\n');
console.log(`wrote ${join(OUT, 'pets.csv')} (40 rows), pets.zip (${Object.keys(files).length} images) and shapes/ (12 images, 1 text file)`);
