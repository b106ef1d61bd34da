// A new user's first session with the editor: example graph, building a graph by hand, refused
// connections, undo/redo, autosave across a reload, files and share links.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures/designer.ts';
import type { Designer } from './fixtures/designer.ts';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Builds image + tabular → CNN + MLP → concat → classifier from the palette, as a person would. */
async function buildTwoModalityGraph(d: Designer): Promise<void> {
  await d.newProject();
  await d.dragFromPalette('input.image', 40, 120); // n1
  await d.dragFromPalette('input.tabular', 40, 380); // n2
  await d.dragFromPalette('encoder.cnn2d', 300, 120); // n3
  await d.dragFromPalette('encoder.mlp', 300, 380); // n4
  await d.dragFromPalette('fusion.concat', 540, 250); // n5
  await d.dragFromPalette('head.classify', 770, 250); // n6
  await d.connect('n1', 'n3');
  await d.connect('n2', 'n4');
  await d.connect('n3', 'n5');
  await d.connect('n4', 'n5');
  await d.connect('n5', 'n6');
  await expect(d.edges).toHaveCount(5);
}

test('a new user sees the example graph with shapes, parameter counts and no problems', async ({ designer: d }) => {
  await d.open();
  await expect(d.nodes).toHaveCount(6);
  await expect(d.edges).toHaveCount(5);
  await expect(d.page.getByText('image 28×28×1').first()).toBeVisible();
  await expect(d.page.getByText('vector 128')).toBeVisible();
  await expect(d.page.getByTestId('diagnostics.counts')).toHaveText('No problems');
  await expect(d.page.getByTestId('summary.params')).toContainText('523,658');
  // 523,658 parameters × 16 B ≈ 8.4 MB before activations: the estimate is shown before training.
  await expect(d.page.getByTestId('summary.memory')).toContainText(/≈ (9|1\d)\.\d MB/);
  await expect(d.button('Train')).toBeVisible();
  // The COOP/COEP headers are in place (the wasm backend needs them for threads).
  expect(await d.page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  await d.screenshot('example-graph');
});

test('builds a two-modality graph from the palette and sees a shape on every edge', async ({ designer: d }) => {
  await d.open();
  await buildTwoModalityGraph(d);
  await expect(d.edgeShape('e1')).toHaveText('image 28×28×1');
  await expect(d.edgeShape('e2')).toHaveText('tabular 16');
  await expect(d.edgeShape('e3')).toHaveText('vector 64');
  await expect(d.edgeShape('e4')).toHaveText('vector 128');
  await expect(d.edgeShape('e5')).toHaveText('vector 192');
  await expect(d.page.getByTestId('node.n6.params')).toHaveText('1,930 params');
  await expect(d.page.getByTestId('diagnostics.counts')).toHaveText('No problems');

  // Editing a parameter in the inspector updates the shapes downstream.
  await d.node('n4').click();
  await d.page.getByTestId('inspector.param.units').fill('32');
  await d.page.getByTestId('inspector.param.units').press('Tab');
  await expect(d.edgeShape('e4')).toHaveText('vector 32');
  await expect(d.edgeShape('e5')).toHaveText('vector 96');

  // An out-of-range value is flagged inline and in the problems panel, and clicking it selects the node.
  await d.page.getByTestId('inspector.param.units').fill('0');
  await expect(d.page.getByTestId('inspector.param.units.error')).toBeVisible();
  await expect(d.page.getByTestId('inspector.param.units')).toHaveAttribute('aria-invalid', 'true');
  await d.page.getByTestId('inspector.param.units').press('Tab');
  await d.page.locator('body').click({ position: { x: 5, y: 895 } }).catch(() => undefined);
  const problem = d.page.getByTestId('diagnostics.item').first();
  await expect(problem).toContainText('FD002');
  await d.screenshot('built-graph-with-problem');
  await d.canvas.click({ position: { x: 700, y: 600 } });
  await problem.click();
  await expect(d.node('n4')).toHaveClass(/selected/);
});

test('an invalid connection is refused and the reason is shown', async ({ designer: d }) => {
  await d.open();
  await d.newProject();
  await d.dragFromPalette('input.text', 120, 200); // n1
  await d.dragFromPalette('encoder.cnn2d', 420, 200); // n2
  await d.connect('n1', 'n2');
  const alert = d.page.getByRole('alert').filter({ hasText: "Can't connect" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('accepts image');
  await expect(alert).toContainText('text tokens');
  await expect(d.edges).toHaveCount(0);
  await d.screenshot('invalid-connection');
});

test('undo and redo step through every edit, by keyboard and by toolbar', async ({ designer: d }) => {
  await d.open();
  await buildTwoModalityGraph(d);
  await d.canvas.click({ position: { x: 700, y: 650 } });
  await d.page.keyboard.press(`${mod}+z`);
  await expect(d.edges).toHaveCount(4);
  await d.page.keyboard.press(`${mod}+z`);
  await expect(d.edges).toHaveCount(3);
  await d.page.keyboard.press(`${mod}+Shift+z`);
  await expect(d.edges).toHaveCount(4);
  await d.button('Redo').click();
  await expect(d.edges).toHaveCount(5);
  await expect(d.button('Redo')).toBeDisabled();

  // Deleting a node (and its edges) is one undo step.
  await d.node('n5').click();
  await d.page.keyboard.press('Delete');
  await expect(d.nodes).toHaveCount(5);
  await expect(d.edges).toHaveCount(2);
  await d.button('Undo').click();
  await expect(d.nodes).toHaveCount(6);
  await expect(d.edges).toHaveCount(5);
  await d.screenshot('undo-redo');
});

test('the graph survives a reload', async ({ designer: d }) => {
  await d.open();
  await buildTwoModalityGraph(d);
  await d.page.getByTestId('toolbar.name').fill('My fusion model');
  await d.waitForAutosave();
  await d.page.reload();
  await expect(d.nodes).toHaveCount(6);
  await expect(d.edges).toHaveCount(5);
  await expect(d.page.getByTestId('toolbar.name')).toHaveValue('My fusion model');
  await expect(d.edgeShape('e5')).toHaveText('vector 192');
  await d.screenshot('restored-after-reload');
});

test('saves the project to a file and opens it again; a broken file is refused', async ({ designer: d }, info) => {
  await d.open();
  await buildTwoModalityGraph(d);
  await d.page.getByTestId('toolbar.name').fill('Saved model');
  const downloading = d.page.waitForEvent('download');
  await d.button('Save').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Saved model.fusion.json');
  const file = info.outputPath('saved.fusion.json');
  await download.saveAs(file);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { format: string; graph: { nodes: unknown[] } };
  expect(saved.format).toBe('fusion-designer.project');
  expect(saved.graph.nodes).toHaveLength(6);

  await d.newProject();
  await d.page.getByTestId('toolbar.openFile').setInputFiles(file);
  await expect(d.nodes).toHaveCount(6);
  await expect(d.edges).toHaveCount(5);
  await expect(d.page.getByTestId('toolbar.name')).toHaveValue('Saved model');

  const broken = info.outputPath('broken.fusion.json');
  writeFileSync(broken, JSON.stringify({ ...saved, graph: { nodes: [{ id: 'n1', kind: 'input.image', params: {}, position: { x: 'left', y: 0 } }], edges: [] } }));
  await d.page.getByTestId('toolbar.openFile').setInputFiles(broken);
  await expect(d.page.getByTestId('banner')).toContainText('graph.nodes[0].position.x');
  await expect(d.nodes).toHaveCount(6);
  await d.screenshot('open-broken-file');
});

test('a share link opens the same graph in a new browser; a damaged link says so', async ({ designer: d, browser }) => {
  await d.open();
  await buildTwoModalityGraph(d);
  await d.button('Share link').click();
  const url = await d.page.getByTestId('share.url').inputValue();
  expect(url).toContain('#project=');

  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await other.newPage();
  await page.goto(url);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await expect(page.getByTestId('edge.e5.shape')).toHaveText('vector 192');
  await expect(page).not.toHaveURL(/#project=/);
  await page.screenshot({ path: 'e2e/screenshots/share-link-opened.png' });

  // A link cut short in an e-mail: a fresh tab opens it, explains, and keeps the autosaved graph.
  const cut = await other.newPage();
  await cut.goto(url.slice(0, url.length - 60));
  await expect(cut.getByTestId('banner')).toContainText('Could not open the share link');
  await expect(cut.getByTestId('banner')).toContainText('damaged');
  await expect(cut.locator('.react-flow__node')).toHaveCount(6);
  await cut.screenshot({ path: 'e2e/screenshots/share-link-damaged.png' });
  await other.close();
  await d.screenshot('share-dialog');
});
