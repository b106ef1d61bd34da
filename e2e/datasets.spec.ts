// A new user explores the built-in datasets in the dataset panel: AV-Digits is there on first
// visit with its credits; every dataset shows a preview of each modality, its splits and class
// balance; a long load can be cancelled.
import { expect, test } from './fixtures/designer.ts';
import type { Designer } from './fixtures/designer.ts';

/** A canvas preview that is really drawn: more than a handful of colours. */
async function expectDrawn(d: Designer, testId: string): Promise<void> {
  expect(await d.canvasColours(testId)).toBeGreaterThan(8);
}

test('on a first visit the example project trains on AV-Digits: preview, speaker split and credits', async ({ designer: d }) => {
  await d.open();
  await expect(d.datasetPicker).toHaveValue('avdigits');
  await d.waitForDataset();
  await d.reportLoadTime('avdigits');
  await expect(d.preview('image')).toHaveCount(10);
  await expectDrawn(d, 'data.preview.image');
  await expectDrawn(d, 'data.preview.audio');
  expect(await d.splitSizes()).toEqual({ train: 2250, validation: 250, test: 500 });
  await expect(d.page.getByTestId('data.splits')).toBeVisible();
  await expect(d.dataPanel).toContainText('held-out speaker theo');
  const credits = d.page.getByTestId('data.credits');
  await expect(credits).toContainText('MNIST');
  await expect(credits).toContainText('Y. LeCun, C. Cortes, C. Burges');
  await expect(credits).toContainText('CC BY-SA 3.0');
  await expect(credits).toContainText('Free Spoken Digit Dataset');
  await expect(credits).toContainText('Z. Jackson et al.');
  await expect(credits).toContainText('CC BY-SA 4.0');
  // The example graph reads AV-Digits as it is: nothing to fit.
  await expect(d.page.getByTestId('data.fit')).toContainText('✓');
  await expect(d.page.getByTestId('data.fitGraph')).toHaveCount(0);
  await d.screenshot('dataset-avdigits');
});

test('the hard AV-Digits variant shows blurred digits and noisy spectrograms', async ({ designer: d }) => {
  await d.open();
  await d.waitForDataset();
  await d.chooseDataset('avdigits.hard');
  await d.reportLoadTime('avdigits.hard');
  await expectDrawn(d, 'data.preview.image');
  await expectDrawn(d, 'data.preview.audio');
  await expect(d.page.getByTestId('data.description')).toContainText('Neither modality alone is enough');
  await expect(d.page.getByTestId('data.credits')).toContainText('Free Spoken Digit Dataset');
  await d.screenshot('dataset-avdigits-hard');
});

const SYNTHETIC = [
  { id: 'synthetic.synergy', canvases: ['image', 'audio'], words: [], tables: [], classes: 2 },
  { id: 'synthetic.redundancy', canvases: ['image'], words: ['text'], tables: [], classes: 4 },
  { id: 'synthetic.uniqueness', canvases: ['audio'], words: [], tables: ['sensors'], classes: 3 },
  { id: 'synthetic.mixed', canvases: [], words: ['note'], tables: ['readings'], classes: 4 },
] as const;

for (const ds of SYNTHETIC) {
  test(`picks ${ds.id} and sees every modality, the splits and the class balance`, async ({ designer: d }) => {
    await d.open();
    await d.waitForDataset();
    await d.chooseDataset(ds.id);
    await d.reportLoadTime(ds.id);
    for (const m of ds.canvases) await expectDrawn(d, `data.preview.${m}`);
    for (const m of ds.words) await expect(d.preview(m).first()).toHaveText(/[a-z]+/);
    for (const m of ds.tables) await expect(d.preview(m).locator('tbody tr')).toHaveCount(ds.classes * 2);
    expect(await d.splitSizes()).toEqual({ train: 2800, validation: 600, test: 600 });
    await expect(d.page.getByTestId('data.classBalance').locator('.data-balance-row')).toHaveCount(ds.classes);
    await expect(d.page.getByTestId('data.description')).toContainText('fusion');
    await expect(d.page.getByTestId('data.credits')).toHaveCount(0);
    await d.screenshot(`dataset-${ds.id.replace('.', '-')}`);
  });
}

test('choosing a dataset fits the graph inputs, and undo brings the old choice back', async ({ designer: d }) => {
  await d.open();
  await d.waitForDataset();
  await d.chooseDataset('synthetic.redundancy');
  // The example's image input now reads 24×24×3 colour images; its audio input has nothing to read.
  await expect(d.page.getByText('image 24×24×3').first()).toBeVisible();
  await expect(d.page.getByTestId('data.fit')).toContainText('has no audio modality');
  await d.button('Undo').click();
  await expect(d.datasetPicker).toHaveValue('avdigits');
  await expect(d.page.getByText('image 28×28×1').first()).toBeVisible();
  await d.waitForDataset();
  await d.screenshot('dataset-undo');
});

test('a missing-modality rate shows missing samples; a load can be cancelled', async ({ designer: d }) => {
  await d.open();
  await d.waitForDataset();
  await d.chooseDataset('synthetic.synergy');
  await d.page.getByText('Options', { exact: true }).click();
  await d.page.getByTestId('data.option.missingRate').fill('0.5');
  await d.waitForDataset();
  await expect(d.page.getByTestId('data.preview').getByText(/^no (image|audio)$/).first()).toBeVisible();
  // AV-Digits (hard) takes a few seconds: cancel it half-way.
  await d.datasetPicker.selectOption('avdigits.hard');
  await expect(d.page.getByTestId('data.progress')).toBeVisible();
  await d.page.getByTestId('data.cancel').click();
  await expect(d.page.getByTestId('data.progress')).toHaveCount(0);
  await expect(d.page.getByTestId('data.load')).toBeVisible();
  await d.screenshot('dataset-cancelled');
  await d.page.getByTestId('data.load').click();
  await d.waitForDataset();
});
