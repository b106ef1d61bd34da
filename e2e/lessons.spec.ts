// A student follows lesson 2 (synergy): trains the late-fusion model it loads, swaps late fusion
// for tensor fusion by hand, trains again, and the lesson confirms from their own runs that late
// fusion stayed near chance while the interaction model learned the XOR.
import { expect, test } from './fixtures/designer.ts';
import { Lessons } from './fixtures/lessons.ts';

test('lesson 2: late fusion stays at chance on XOR, tensor fusion learns it, and the lesson says so', async ({ designer: d }) => {
  test.setTimeout(360_000);
  const lessons = new Lessons(d.page);
  await d.open();
  await lessons.open();
  await d.screenshot('lessons-list');
  await lessons.start('synergy', 'Synergy: what late fusion cannot learn');

  // The lesson loads its late-fusion model and the XOR data.
  await d.waitForDataset();
  await expect(d.node('late')).toBeVisible();
  await lessons.expectStep(0, 'pass');
  await d.screenshot('lesson-2-start');
  // wasm trains these small models fastest here, and skips timing every backend first.
  await d.dockTab('training');
  await d.page.getByTestId('train.backend').selectOption('wasm');

  // Step 2: train late fusion; it stays near chance.
  await lessons.next();
  await lessons.expectStep(1, 'waiting');
  await expect(lessons.check).toHaveText('No finished late-fusion run yet.');
  await lessons.act('train');
  await d.waitForRunPhase('done', 150_000);
  await lessons.expectStep(1, 'pass');
  await expect(lessons.check).toContainText('Late fusion stayed near chance');
  const lateAcc = await d.validationAccuracy();
  expect(lateAcc).toBeLessThanOrEqual(0.65);
  await d.screenshot('lesson-2-late-trained');

  // Step 3: swap late fusion for tensor fusion, by hand.
  await lessons.next();
  await lessons.expectStep(2, 'waiting');
  await expect(lessons.check).toContainText('remove Late fusion');
  for (const id of ['imgVote', 'sndVote', 'late']) await d.deleteNode(id);
  const tensor = await d.addNode('fusion.tensor', 330, 200);
  const head = await d.addNode('head.classify', 470, 320);
  await d.connect('imgEnc', tensor);
  await d.connect('sndEnc', tensor);
  await d.connect(tensor, head);
  // The new classifier predicts 10 classes; the lesson offers to fit it to the 2 of the data.
  await expect(lessons.check).toContainText('fit the graph to the data');
  await d.screenshot('lesson-2-swap-fit');
  await d.page.getByTestId('lesson.fit').click();
  await lessons.expectStep(2, 'pass');
  await expect(lessons.check).toContainText('The modalities now meet before the decision.');

  // Step 4: train the interaction model; it learns.
  await lessons.next();
  await lessons.expectStep(3, 'waiting');
  await lessons.act('train');
  await d.waitForRunPhase('done', 150_000);
  await lessons.expectStep(3, 'pass');
  const tensorAcc = await d.validationAccuracy();
  expect(tensorAcc).toBeGreaterThanOrEqual(0.85);

  // Step 5: the lesson confirms the comparison from the two runs.
  await lessons.next();
  await lessons.expectStep(4, 'pass');
  await expect(lessons.check).toContainText('Confirmed: late fusion stayed near chance while the interaction model learned.');
  await expect(d.page.getByTestId('lesson.progress')).toHaveText('5/5 done');
  expect(await lessons.comparedAccuracy('late')).toBeCloseTo(lateAcc, 2);
  expect(await lessons.comparedAccuracy('interaction')).toBeCloseTo(tensorAcc, 2);
  await expect(d.page.getByTestId('lesson.summary')).toHaveAttribute('data-complete', 'true');
  await expect(d.page.getByTestId('lesson.summary')).toContainText('Tensor fusion multiplies the features');
  test.info().annotations.push({ type: 'validation accuracy', description: `late ${lateAcc}, tensor ${tensorAcc}` });
  console.log(`validation accuracy: late ${lateAcc}, tensor ${tensorAcc}`);
  await d.screenshot('lesson-2-complete');
  await d.page.getByTestId('lesson.summary').scrollIntoViewIfNeeded();
  await d.screenshot('lesson-2-summary');
});
