// A person watches a transformer encoder's self-attention over a caption: the attention template on
// the redundancy dataset with its audio branch swapped for text → embedding → transformer encoder;
// the Attention tab then offers the encoder's tokens × tokens map (CLS first), heads and queries.
import { expect, test } from './fixtures/designer.ts';

test('a transformer encoder on text tokens shows its self-attention in the Attention tab', async ({ designer: d }) => {
  test.setTimeout(240_000);
  await d.open();
  await d.loadTemplate('attention');
  await d.chooseDataset('synthetic.redundancy');
  await d.waitForDataset();
  await d.setTraining({ epochs: 3, batchSize: 32, learningRate: 0.005 });

  // Swap the audio branch for text → embedding (tokens kept) → transformer encoder.
  await d.deleteNode('n2');
  await d.deleteNode('n4');
  const text = await d.addNode('input.text', 90, 330);
  const embed = await d.addNode('encoder.embedding', 280, 330);
  await d.page.getByTestId('inspector.param.pooling').selectOption('none');
  const encoder = await d.addNode('encoder.transformer', 470, 330);
  for (const [name, value] of [['dModel', '16'], ['ffDim', '32']] as const) {
    await d.page.getByTestId(`inspector.param.${name}`).fill(value);
    await d.page.getByTestId(`inspector.param.${name}`).press('Tab');
  }
  await d.connect(text, embed);
  await d.connect(embed, encoder);
  await d.connect(encoder, 'n5');
  await d.canvas.click({ position: { x: 600, y: 40 } });
  await d.page.getByTestId('data.fitGraph').click();
  await expect(d.trainButton).toBeEnabled();

  await d.trainButton.click();
  await d.waitForRunPhase('training', 120_000);
  await d.dockTab('attention');
  await expect(d.page.getByTestId('attn.map').locator('option')).toHaveText(['Weigh modalities', 'Transformer encoder']);
  await d.page.getByTestId('attn.map').selectOption({ label: 'Transformer encoder' });
  await expect.poll(async () => (await d.heatmapShows()).node).toBe(encoder);
  // Queries are the encoder's own tokens: the CLS token, then the caption's words.
  await expect(d.page.getByTestId('attn.query').locator('option').nth(1)).toHaveText('CLS');
  await expect(d.page.getByTestId('attn.query').locator('option')).toHaveCount(1 + 11);
  await expect(d.thumbnail(encoder)).toBeVisible();
  expect(await d.canvasColours(`node.${encoder}.attention`)).toBeGreaterThan(4);

  await expect(d.page.getByTestId('attn.tick')).toContainText('trained model (epoch 3)', { timeout: 180_000 });
  await d.page.getByTestId('attn.query').selectOption({ index: 3 });
  await expect.poll(async () => (await d.heatmapShows()).query).toBe('3');
  await d.screenshot('heatmaps-encoder-transformer');
});
