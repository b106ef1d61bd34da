// A person watches where a model's attention goes while it trains: the cross-attention template
// on AV-Digits, the live heatmap in the Attention tab and the thumbnails on the attention nodes;
// then heads, samples and queries, the timeline, and a PNG of the view.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/designer.ts';

test('trains the cross-attention template and watches its attention: live heatmap, heads, timeline, PNG export', async ({ designer: d }) => {
  test.setTimeout(300_000);
  await d.open();
  await d.loadTemplate('crossAttention');
  await expect(d.nodes).toHaveCount(10);
  await expect(d.node('n5')).toContainText('Audio reads image');
  await d.chooseDataset('avdigits');
  await d.setTraining({ epochs: 8, batchSize: 32, learningRate: 0.003 });
  await expect(d.trainButton).toBeEnabled();

  // Before any run the tab says what it is for.
  await d.dockTab('attention');
  await expect(d.page.getByTestId('attn.panel')).toContainText('Press Train');
  await expect(d.page.getByTestId('attn.export')).toBeDisabled();

  await d.trainButton.click();
  await d.waitForRunPhase('training', 120_000);
  await expect(d.page.getByTestId('run.backend')).toContainText('samples/s');
  test.info().annotations.push({ type: 'backend', description: await d.page.getByTestId('run.backend').innerText() });
  await d.dockTab('attention');
  await expect(d.page.getByTestId('attn.map').locator('option')).toHaveText(['Audio reads image', 'Image reads audio']);

  // The heatmap changes while the model trains (snapshots arrive twice a second).
  await expect.poll(async () => (await d.heatmapShows()).tick, { timeout: 60_000 }).toMatch(/^epoch \d+ · batch \d+$/);
  // Two pictures taken while training (the snapshot each shows is still a training one).
  const during = async (): Promise<{ image: Buffer; tick: string }> => {
    const before = (await d.heatmapShows()).tick;
    const image = await d.heatmapImage();
    const tick = (await d.heatmapShows()).tick;
    expect(tick).toMatch(/^epoch \d+ · batch \d+$/);
    return { image, tick: before === tick ? tick : '' };
  };
  const first = await during();
  await expect.poll(async () => {
    const now = await during();
    return now.tick !== '' && now.tick !== first.tick && !now.image.equals(first.image);
  }, { timeout: 60_000 }).toBe(true);
  await expect(d.page.getByTestId('attn.live')).toHaveAttribute('aria-pressed', 'true');
  await d.screenshot('heatmaps-live');

  // Every attention node on the canvas shows its own live thumbnail.
  await expect(d.thumbnail('n5')).toBeVisible();
  await expect(d.thumbnail('n6')).toBeVisible();
  expect(await d.canvasColours('node.n5.attention')).toBeGreaterThan(4);

  // The end of training: the last snapshot is the trained model's.
  await expect(d.page.getByTestId('attn.tick')).toContainText('trained model (epoch 8)', { timeout: 240_000 });
  await d.dockTab('training');
  await d.waitForRunPhase('done', 60_000);
  test.info().annotations.push({ type: 'validation accuracy', description: String(await d.validationAccuracy()) });
  await d.dockTab('attention');
  const ticks = Number(await d.page.getByTestId('attn.timeline').getAttribute('max')) + 1;
  expect(ticks).toBeGreaterThan(5);

  // Switch head: the map shows that head alone.
  const allHeads = await d.heatmapImage();
  await d.page.getByTestId('attn.head.2').click();
  await expect(d.page.getByTestId('attn.head.2')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await d.heatmapShows()).head).toBe('2');
  await expect.poll(async () => (await d.heatmapImage()).equals(allHeads)).toBe(false);

  // The other direction, and one query followed over the spectrogram.
  await d.page.getByTestId('attn.map').selectOption({ label: 'Image reads audio' });
  await expect.poll(async () => (await d.heatmapShows()).node).toBe('n6');
  await expect(d.page.getByTestId('attn.head.mean')).toHaveAttribute('aria-pressed', 'true');
  await d.page.getByTestId('attn.query').selectOption({ label: 'patch 2,3' });
  await expect.poll(async () => (await d.heatmapShows()).query).toBe('7');
  await d.screenshot('heatmaps-query');

  // Scrub the timeline back to the first snapshot: an untrained map, not live any more.
  const trained = await d.heatmapImage();
  await d.page.getByTestId('attn.timeline').fill('0');
  await expect(d.page.getByTestId('attn.tick')).toHaveText(new RegExp(`^epoch 1 · batch 1/\\d+ · 1 of ${ticks}$`));
  await expect.poll(async () => (await d.heatmapShows()).tick).toBe('epoch 1 · batch 1');
  await expect(d.page.getByTestId('attn.live')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await d.heatmapImage()).equals(trained)).toBe(false);
  await d.page.getByTestId('attn.timeline').fill(String(Math.floor(ticks / 2)));
  await expect(d.page.getByTestId('attn.tick')).toContainText(`${Math.floor(ticks / 2) + 1} of ${ticks}`);
  await d.screenshot('heatmaps-scrubbed');

  // Export the view as a PNG file.
  const download = d.page.waitForEvent('download');
  await d.page.getByTestId('attn.export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^attention-image-reads-audio-.*\.png$/);
  const path = await file.path();
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, big-endian, at bytes 16–23 (1280 × 460 at twice the size).
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2560, 920]);
  await expect(d.page.getByText(/^Saved attention-.*\.png\.$/)).toBeVisible();
  // Kept with the screenshots (to look at).
  await file.saveAs(join(process.cwd(), 'e2e', 'screenshots', 'heatmaps-export.png'));

  // Back to live: the trained model's map again.
  await d.page.getByTestId('attn.live').click();
  await expect(d.page.getByTestId('attn.tick')).toContainText('trained model');
  for (const a of test.info().annotations) console.log(`${a.type}: ${a.description ?? ''}`);
});

test('picks the probe samples for the next run: 12 shuffled samples, then the same samples again', async ({ designer: d }) => {
  test.setTimeout(240_000);
  await d.open();
  await d.loadTemplate('crossAttention');
  await d.chooseDataset('avdigits');
  await d.setTraining({ epochs: 1, batchSize: 32, learningRate: 0.003 });
  await d.dockTab('attention');
  const summary = d.page.getByTestId('attn.probes.summary');
  await expect(summary).toHaveText('Next run: 8 validation samples, the classes taking turns, in the validation split’s order.');

  // Ask for 12 samples, shuffled; the popover says the choice is for the next run.
  await d.page.getByTestId('attn.probes.open').click();
  const popover = d.page.getByTestId('attn.probes.popover');
  await expect(popover).toBeVisible();
  await expect(popover).toContainText('applies to the next run');
  await expect(d.page.getByTestId('attn.probes.keep')).toBeDisabled();
  await d.page.getByTestId('attn.probes.count').selectOption({ label: '12 samples' });
  await d.page.getByTestId('attn.probes.shuffle').click();
  await expect(d.page.getByTestId('attn.probes.order')).toBeVisible();
  await d.screenshot('heatmaps-probes-before');
  await d.page.getByTestId('attn.probes.done').click();
  await expect(popover).toBeHidden();
  await expect(summary).toHaveText('Next run: 12 validation samples, the classes taking turns, shuffled.');

  await d.trainButton.click();
  await d.waitForRunPhase('done', 200_000);
  await d.dockTab('attention');
  // The run probed the 12 samples asked for (AV-Digits has 10 classes: the default takes 10).
  await expect(d.page.getByTestId('attn.sample').locator('option')).toHaveCount(12);

  // Keep them for the next run: the popover lists them with their class and a picture.
  await d.page.getByTestId('attn.probes.open').click();
  await expect(d.page.getByTestId('attn.probes.list').locator('li')).toHaveCount(12);
  await expect(d.page.getByTestId('attn.probes.list').getByTestId('attn.probes.thumb')).toHaveCount(12);
  await d.page.getByTestId('attn.probes.keep').check();
  await d.screenshot('heatmaps-probes-keep');
  await d.page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(summary).toHaveText('Next run: the same 12 samples as the last run (10 classes).');
  await d.screenshot('heatmaps-probes-summary');
});
