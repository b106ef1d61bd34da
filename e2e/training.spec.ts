// A person trains a fusion model in the browser: the attention template on the redundancy dataset
// (after swapping its audio branch for a text one, since that dataset pairs pictures with
// captions), live curves, pause, resume, stop; then the fusion arena on the synergy (XOR) dataset,
// where late fusion cannot win, and two runs side by side.
import { expect, test } from './fixtures/designer.ts';

test('trains the attention template on the redundancy dataset: error, fix, curves, pause, resume, results, stop', async ({ designer: d }) => {
  test.setTimeout(300_000);
  await d.open();
  await d.loadTemplate('attention');
  await expect(d.trainButton).toBeDisabled();
  await expect(d.trainButton).toHaveAttribute('title', 'Choose a dataset in the Data panel first.');

  await d.chooseDataset('synthetic.redundancy');
  // Less noise than the default 0.2: there, modality attention leans on the captions alone within
  // a few epochs (the ablation shows the image adding nothing) and validation sits near 0.91.
  await d.page.getByText('Options', { exact: true }).click();
  await d.page.getByTestId('data.option.noise').fill('0.1');
  await d.waitForDataset();
  await expect(d.trainButton).toBeEnabled();
  await d.setTraining({ epochs: 8, batchSize: 32, learningRate: 0.005 });

  // The template reads image + audio; this dataset has image + text: the worker names the node.
  await d.trainButton.click();
  await d.waitForRunPhase('error');
  await expect(d.page.getByTestId('run.error.message')).toContainText('Spoken digit');
  await expect(d.page.getByTestId('run.error.fix')).toBeVisible();
  await d.screenshot('training-binding-error');
  await d.page.getByTestId('run.error.node').click();
  await expect(d.node('n2')).toHaveClass(/selected/);

  // Swap the audio branch for a text one, as a person would.
  await d.deleteNode('n2');
  await d.deleteNode('n4');
  await expect(d.trainButton).toBeDisabled();
  await expect(d.trainButton).toHaveAttribute('title', /^Fix the (error|\d+ errors) in Problems first\.$/);
  const text = await d.addNode('input.text', 110, 330);
  const embed = await d.addNode('encoder.embedding', 340, 330);
  await d.connect(text, embed);
  await d.connect(embed, 'n5');
  await d.canvas.click({ position: { x: 600, y: 40 } });
  await d.page.getByTestId('data.fitGraph').click();
  await expect(d.page.getByTestId('data.fit')).not.toContainText('no text input');
  await expect(d.trainButton).toBeEnabled();

  // Train: 'auto' picks the backend (timing those that could win), the curves move, the numbers update.
  await d.trainButton.click();
  await d.waitForRunPhase('training', 120_000);
  await expect(d.page.getByTestId('run.backend')).toContainText('samples/s');
  await expect(d.runProgress).toContainText(/Epoch \d+\/8 · batch \d+\/\d+/);
  const first = await d.chartImage('loss');
  await expect.poll(async () => (await d.chartImage('loss')).equals(first), { timeout: 30_000 }).toBe(false);
  await expect(d.page.getByTestId('run.memory')).toContainText(/\d+ tensors · [\d.]+ [KM]B/, { timeout: 60_000 });

  // Pause keeps the model; Resume goes on.
  await d.button('Pause').click();
  await d.waitForRunPhase('paused');
  await expect(d.button('Resume')).toBeEnabled();
  await d.screenshot('training-paused');
  await d.button('Resume').click();
  await d.waitForRunPhase('training');

  await d.waitForRunPhase('done', 180_000);
  expect(await d.validationAccuracy()).toBeGreaterThanOrEqual(0.9);
  const confusion = d.page.getByTestId('run.confusion');
  for (const c of ['circle', 'square', 'triangle', 'cross']) await expect(confusion).toContainText(c);
  await expect(d.page.getByTestId('run.ablation.image')).toContainText('without image');
  await expect(d.page.getByTestId('run.ablation.text')).toContainText('without text');
  await d.screenshot('training-done');
  const valAcc = await d.validationAccuracy();
  const probes = await d.page.getByTestId('run.backend').innerText();
  test.info().annotations.push({ type: 'auto backend', description: probes }, { type: 'validation accuracy', description: String(valAcc) });

  // A second run on a backend chosen by hand (software WebGL here), stopped midway.
  await d.page.getByTestId('train.backend').selectOption('webgl');
  await d.trainButton.click();
  await d.waitForRunPhase('training', 60_000);
  await expect(d.page.getByTestId('run.backend')).toContainText('webgl');
  // Past the first batches (shader compilation), the throughput is webgl's own.
  const batchNo = async () => Number(/batch (\d+)\//.exec(await d.runProgress.innerText())?.[1] ?? 0);
  await expect.poll(batchNo, { timeout: 90_000 }).toBeGreaterThanOrEqual(12);
  test.info().annotations.push({ type: 'webgl progress', description: await d.runProgress.innerText() });
  await d.button('Stop').click();
  await d.waitForRunPhase('stopped');
  await expect(d.trainButton).toBeEnabled();
  await expect(d.button('Stop')).toHaveCount(0);

  for (const a of test.info().annotations) console.log(`${a.type}: ${a.description ?? ''}`);

  await d.dockTab('runs');
  await expect(d.page.getByTestId('runs.item')).toHaveCount(1);
  await expect(d.page.getByTestId('runs.history')).toContainText('Redundancy');
});

test('the fusion arena on the synergy dataset ranks late fusion below concatenation and attention', async ({ designer: d }) => {
  test.setTimeout(300_000);
  await d.open();
  await d.loadTemplate('attention');
  await d.chooseDataset('synthetic.synergy');
  // XOR needs a hidden layer after the fusion: give the classifier one in the inspector.
  await d.node('n6').click();
  await d.page.getByTestId('inspector.param.hidden').fill('32');
  await d.page.getByTestId('inspector.param.hidden').press('Tab');
  await d.setTraining({ epochs: 6, batchSize: 32, learningRate: 0.003 });
  await d.page.getByTestId('train.backend').selectOption('wasm');

  await d.dockTab('arena');
  for (const s of ['early', 'crossAttention', 'transformer', 'tensor', 'lowRank', 'gated']) await d.page.getByTestId(`arena.strategy.${s}`).click();
  await d.page.getByTestId('arena.start').click();
  await expect(d.page.getByTestId('arena.leaderboard').locator('tr[data-status="done"]')).toHaveCount(1, { timeout: 120_000 });
  await d.screenshot('arena-first-row');
  await d.waitForRunPhase('done', 240_000);

  const board = await d.leaderboard();
  expect(board.map((r) => r.strategy).sort()).toEqual(['concat', 'late', 'modalityAttention']);
  const rank = (s: string) => board.find((r) => r.strategy === s)?.rank ?? 99;
  expect(rank('late')).toBeGreaterThan(rank('concat'));
  expect(rank('late')).toBeGreaterThan(rank('modalityAttention'));
  test.info().annotations.push({ type: 'leaderboard', description: board.map((r) => `${r.rank}. ${r.strategy} ${r.valAccuracy}`).join(', ') });
  for (const a of test.info().annotations) console.log(`${a.type}: ${a.description ?? ''}`);
  await d.screenshot('arena-leaderboard');

  // Every variant is kept with its graph; two of them side by side, and one reopened.
  await d.dockTab('runs');
  const items = d.page.getByTestId('runs.item');
  await expect(items).toHaveCount(3);
  await items.filter({ hasText: 'Late fusion' }).getByRole('checkbox').check();
  await items.filter({ hasText: 'Concatenation' }).getByRole('checkbox').check();
  const compare = d.page.getByTestId('runs.compare');
  await expect(compare).toContainText('Late fusion (arena)');
  await expect(compare).toContainText('Concatenation (arena)');
  await d.screenshot('runs-compare');
  await d.page.getByTestId('runs.compare.0.open').click();
  await expect(d.page.locator('.react-flow__node', { hasText: 'fusion.late' })).toHaveCount(1);
  await d.button('Undo').click();
  await expect(d.page.locator('.react-flow__node', { hasText: 'fusion.late' })).toHaveCount(0);

  // The history is kept in the browser.
  await d.page.reload();
  await d.dockTab('runs');
  await expect(d.page.getByTestId('runs.item')).toHaveCount(3);
});
