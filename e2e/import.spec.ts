// A new user imports their own data: a CSV with images in a zip, the mapping dialog with the
// detected roles, the import with its progress, and the report that names every bad row.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/designer.ts';
import { Importer } from './fixtures/importer.ts';

test('imports a CSV with images in a zip: mapping dialog, report with the exact bad rows, preview', async ({ designer: d }, info) => {
  await d.open();
  const imp = new Importer(d.page);
  await imp.open();
  await imp.chooseCsv('pets.csv', 'pets.zip');

  // The mapping dialog shows each column's detected role, a few values, and a select to override.
  await expect(imp.mapping).toContainText('Map the columns of pets.csv');
  await expect(imp.mapping).toContainText('All 40 rows examined');
  const expected: Record<string, string> = { id: 'ignore', photo: 'image', weight_kg: 'tabular', age_years: 'tabular', description: 'text', label: 'label' };
  for (const [name, role] of Object.entries(expected)) await expect(imp.column(name)).toHaveValue(role);
  await expect(imp.row('photo')).toContainText('Image');
  await expect(imp.row('photo')).toContainText('cat_01.png');
  await expect(imp.row('id')).toContainText('looks like an id');
  await expect(imp.row('age_years')).toContainText('1 missing value');
  await expect(d.page.getByTestId('import.label')).toHaveValue('label');
  await expect(d.page.getByTestId('import.title')).toHaveValue('pets');

  // Overriding a role works and can be put back.
  await imp.column('age_years').selectOption('ignore');
  await expect(imp.row('age_years')).toHaveClass(/is-changed/);
  await imp.column('age_years').selectOption('tabular');
  await d.screenshot('import-mapping');

  await imp.runImport();

  // The report: counts, and each rejected row with its line number and reason.
  await expect(imp.stat('read')).toContainText('40');
  await expect(imp.stat('kept')).toContainText('37');
  await expect(imp.stat('rejected')).toContainText('3');
  await expect(imp.stat('filled')).toContainText('1');
  await expect(imp.rejectedRows).toHaveText([
    "line 8: column 'weight_kg' = 'heavy' is not a number",
    "line 15: image 'cat_99.png' is not in the zip",
    'line 23: label is empty',
  ]);
  await expect(d.page.getByTestId('import.filled')).toContainText('age_years: 1 missing value filled with the training mean');
  await expect(d.page.getByTestId('import.notes')).toContainText('resized to 24×24×3');
  await expect(d.page.getByTestId('import.notes')).toContainText('vocabulary of');
  await expect(d.page.getByTestId('import.balance')).toContainText('bird');

  // The preview draws the imported samples with their classes.
  await expect(imp.previewSamples).toHaveCount(8);
  await expect(imp.previewSamples.first().locator('canvas')).toBeVisible();
  await expect(imp.previewSamples.first()).toContainText(/bird|cat|dog/);
  await d.screenshot('import-report');

  // The report downloads as CSV with the same rows.
  const downloading = d.page.waitForEvent('download');
  await d.page.getByTestId('import.download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('pets-import-report.csv');
  const file = info.outputPath('report.csv');
  await download.saveAs(file);
  expect(readFileSync(file, 'utf8').split('\r\n').slice(0, 5)).toEqual([
    'line,file,outcome,reason',
    "8,,rejected,column 'weight_kg' = 'heavy' is not a number",
    "15,,rejected,image 'cat_99.png' is not in the zip",
    '23,,rejected,label is empty',
    expect.stringMatching(/^30,,filled,column 'age_years' was missing; filled with the training mean \d/),
  ]);

  // Done: the new dataset is the project's choice, and the data panel previews it.
  await imp.done();
  await expect(d.page.getByTestId('data.picker')).toHaveValue('user.pets');
  await expect(d.page.getByTestId('data.loadedIn')).toContainText('37 samples');
  await expect(d.page.getByTestId('data.preview')).toBeVisible();
  await expect(d.page.getByTestId('data.splits.train')).toHaveText('25');
  await d.screenshot('import-dataset-selected');

  // The project records the preprocessing, so training and export repeat it exactly.
  const saving = d.page.waitForEvent('download');
  await d.button('Save').click();
  const saved = info.outputPath('project.fusion.json');
  await (await saving).saveAs(saved);
  const project = JSON.parse(readFileSync(saved, 'utf8')) as { dataset: { id: string; preprocessing: Record<string, Record<string, unknown>> } };
  expect(project.dataset.id).toBe('user.pets');
  expect(project.dataset.preprocessing.photo).toMatchObject({ kind: 'image', height: 24, width: 24, channels: 3, scale: 'unit' });
  expect(project.dataset.preprocessing.table).toMatchObject({ kind: 'tabular', columns: ['weight_kg', 'age_years'] });
  expect(project.dataset.preprocessing.description).toMatchObject({ kind: 'text', lowercase: true, padId: 0, unknownId: 1 });
});

test('imports a picked folder with one subfolder per class; a file of the wrong type is reported', async ({ designer: d }) => {
  await d.open();
  const imp = new Importer(d.page);
  await imp.open();
  await imp.chooseFolderDataset('shapes');
  await expect(imp.mapping).toContainText('Folder dataset: shapes');
  await expect(imp.mapping).toContainText('1 file will be rejected');
  await expect(d.page.getByTestId('import.classes')).toContainText('circle');
  await expect(d.page.getByTestId('import.classes')).toContainText('square');
  await imp.runImport();
  await expect(imp.stat('read')).toContainText('13');
  await expect(imp.stat('kept')).toContainText('12');
  await expect(imp.rejectedRows).toHaveText(['shapes/square/notes.txt: not an image (png, jpg, jpeg, gif, bmp, webp); this is an image folder dataset']);
  await expect(imp.previewSamples).toHaveCount(8);
  await d.screenshot('import-folder-report');
  await imp.done();
});

test('a CSV whose file names have no zip is stopped with what to do; too big a file is refused at once', async ({ designer: d }) => {
  await d.open();
  const imp = new Importer(d.page);
  await imp.open();
  await imp.chooseCsv('pets.csv');
  await expect(d.page.getByTestId('import.problems')).toContainText("'photo' names files: add the zip or folder that holds them, or set it to Ignore.");
  await expect(d.page.getByTestId('import.run')).toBeDisabled();
  await imp.column('photo').selectOption('ignore');
  await expect(d.page.getByTestId('import.run')).toBeEnabled();

  // A zip over the limit is refused before anything is read.
  await d.page.getByTestId('import.back').click();
  await d.page.evaluate(() => {
    // Stand in for a 812 MB file without making one: the check reads only File.size.
    const input = document.querySelector<HTMLInputElement>('[data-testid="import.zipFile"]');
    if (input === null) return;
    const big = new File([new Uint8Array(1)], 'big.zip');
    Object.defineProperty(big, 'size', { value: 812 * 1024 * 1024 });
    const dt = new DataTransfer();
    dt.items.add(big);
    Object.defineProperty(input, 'files', { value: dt.files, configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(imp.error).toHaveText(
    "This zip (big.zip) is 812 MB; the limit in the browser is 500 MB because the whole dataset must fit in this tab's memory. Use a smaller sample, or the fusion-designer command for larger data.",
  );
  await d.screenshot('import-size-limit');
});
