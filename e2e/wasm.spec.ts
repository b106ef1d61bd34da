// A person without a usable GPU picks the wasm backend by hand and trains: every fusion strategy
// of the fusion arena, then a graph they wire themselves with the encoders and regularisers the
// arena does not use (patches, transformer, embedding, GRU, LSTM, FiLM, 1-D convolution, modality
// dropout, dropout). Together with the arena's own encoders (2-D convolution, MLP, projection), this trains
// every node kind a built-in dataset can feed on wasm in Chromium, with its threads and SIMD; the
// Node test src/train/backends/wasm/catalogue.test.ts checks every node kind's gradients.
import { expect, test } from './fixtures/designer.ts';

// Fail within seconds when a control is missing or covered, not at the test's timeout.
test.use({ actionTimeout: 20_000 });

test('the fusion arena trains all eleven fusion strategies on wasm', async ({ designer: d }) => {
  test.setTimeout(600_000);
  await d.open();
  await d.loadTemplate('intermediate');
  await d.chooseDataset('synthetic.synergy');
  await d.setTraining({ epochs: 1, batchSize: 64 });
  await d.page.getByTestId('train.backend').selectOption('wasm');
  await expect(d.page.getByTestId('run.backend')).toContainText('wasm (your choice)');

  await d.dockTab('arena');
  const strategies = ['early', 'concat', 'late', 'modalityAttention', 'crossAttention', 'transformer', 'tensor', 'lowRank', 'gated', 'bilinear', 'elementwise'];
  for (const s of strategies) {
    const chip = d.page.getByTestId(`arena.strategy.${s}`);
    if (!(await chip.locator('input').isChecked())) await chip.click();
    await expect(chip.locator('input')).toBeChecked();
  }
  const started = Date.now();
  await d.page.getByTestId('arena.start').click();
  await d.waitForRunPhase('done', 540_000);
  test.info().annotations.push({ type: 'arena on wasm', description: `${strategies.length} strategies, 1 epoch each, in ${Math.round((Date.now() - started) / 1000)} s` });

  const rows = d.page.getByTestId('arena.leaderboard').getByTestId('arena.row');
  await expect(rows).toHaveCount(strategies.length);
  for (const s of strategies) await expect(d.page.locator(`[data-testid="arena.row"][data-strategy="${s}"]`), s).toHaveAttribute('data-status', 'done');
  await d.screenshot('wasm-arena');
  const board = await d.leaderboard();
  expect(board.length).toBe(strategies.length);
  await d.dockTab('training');
  await expect(d.page.getByTestId('run.backend')).toContainText('wasm');
  test.info().annotations.push({ type: 'leaderboard (wasm)', description: board.map((r) => `${r.rank}. ${r.strategy} ${r.valAccuracy}`).join(', ') });
  for (const a of test.info().annotations) console.log(`${a.type}: ${a.description ?? ''}`);
});

test('a graph wired by hand with patches, a transformer, embeddings, a GRU, an LSTM, FiLM, a 1-D convolution and both dropouts trains on wasm', async ({ designer: d }) => {
  test.setTimeout(300_000);
  await d.open();
  await d.newProject();
  await d.chooseDataset('synthetic.redundancy'); // pictures of shapes with captions: image + text

  // Image: patches → transformer. Text: token embeddings → GRU, → LSTM, and → FiLM (conditioned on
  // the image's transformer) → 1-D convolution. A modality dropout over three branches, concat,
  // dropout, classifier.
  const image = await d.addNode('input.image', 20, 20);
  const patches = await d.addNode('encoder.patches', 230, 20);
  const transformer = await d.addNode('encoder.transformer', 440, 20);
  await d.page.getByTestId('inspector.param.layers').fill('1');
  await d.page.getByTestId('inspector.param.layers').press('Tab');
  const modalityDropout = await d.addNode('reg.modalityDropout', 650, 20);
  const text = await d.addNode('input.text', 20, 170);
  const embedding = await d.addNode('encoder.embedding', 230, 170);
  await d.page.getByTestId('inspector.param.pooling').selectOption('none');
  const gru = await d.addNode('encoder.rnn', 440, 170);
  const film = await d.addNode('fusion.film', 230, 310);
  const lstm = await d.addNode('encoder.rnn', 440, 310);
  await d.page.getByTestId('inspector.param.cell').selectOption('lstm');
  const concat = await d.addNode('fusion.concat', 650, 310);
  const dropout = await d.addNode('reg.dropout', 20, 440);
  const head = await d.addNode('head.classify', 230, 440);
  const conv1d = await d.addNode('encoder.cnn1d', 440, 440);
  await d.button('Fit view').click();
  // Fit view animates the viewport: wire only once the nodes stand still.
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await d.node(image).boundingBox());
      const still = now === last;
      last = now;
      return still;
    }, { intervals: [150] })
    .toBe(true);
  const wires: [string, string, string?, string?][] = [
    [image, patches],
    [patches, transformer],
    [text, embedding],
    [embedding, gru],
    [embedding, lstm],
    [embedding, film, 'out', 'features'],
    [transformer, film, 'out', 'condition'],
    [film, conv1d],
    [transformer, modalityDropout, 'out', 'in_1'],
    [gru, modalityDropout, 'out', 'in_2'],
    [lstm, modalityDropout, 'out', 'in_3'],
    [modalityDropout, concat, 'out_1'],
    [modalityDropout, concat, 'out_2'],
    [modalityDropout, concat, 'out_3'],
    [conv1d, concat],
    [concat, dropout],
    [dropout, head],
  ];
  for (const [i, [source, target, sourcePort, targetPort]] of wires.entries()) {
    await d.connect(source, target, sourcePort, targetPort);
    await expect(d.edges, `${source} → ${target}`).toHaveCount(i + 1);
  }
  await d.button('Auto-layout').click();
  await d.button('Fit view').click();

  // Shapes and classes from the dataset, then train one epoch on wasm.
  await d.canvas.click({ position: { x: 780, y: 20 } });
  await d.page.getByTestId('data.fitGraph').click();
  await expect(d.trainButton).toBeEnabled();
  await d.setTraining({ epochs: 1, batchSize: 32 });
  await d.page.getByTestId('train.backend').selectOption('wasm');
  await d.trainButton.click();
  await d.waitForRunPhase('done', 240_000);
  await expect(d.page.getByTestId('run.backend')).toContainText('wasm');
  const accuracy = await d.validationAccuracy();
  expect(accuracy).toBeGreaterThan(0.5); // 4 classes: chance is 0.25 (one epoch gave 0.72)
  await d.screenshot('wasm-handmade');
  test.info().annotations.push({ type: 'hand-wired graph on wasm', description: `validation accuracy ${accuracy} after 1 epoch; ${await d.page.getByTestId('run.backend').innerText()}` });
  for (const a of test.info().annotations) console.log(`${a.type}: ${a.description ?? ''}`);
});
