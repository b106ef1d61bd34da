/// <reference lib="webworker" />
// The worker entry: tfjs (cpu backend for preprocessing), the worker's datasets, and the message
// router. Handlers live in handlers/; this file only wires them.
//
// To add an area (import.*, train.*): add its messages to protocol.ts and
//   router.on('import.', (msg, post) => importHandler(msg))
import * as tf from '@tensorflow/tfjs';
import { fetchAssets } from '../data/assets.ts';
import { datasetsCatalogue } from '../data/catalogue.ts';
import { WorkerDatasets } from './datasets.ts';
import { createDatasetHandler } from './handlers/dataset.ts';
import { createImportHandler } from './handlers/import.ts';
import { createTrainingHandler } from './handlers/train.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import type { FromWorker, ToWorkerOf } from './protocol.ts';
import { createRouter } from './router.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker, transfer: Transferable[] = []): void => self.postMessage(message, transfer);

const ready = tf.setBackend('cpu').then(() => tf.ready());

const datasetsBase = new URL('datasets/', new URL(import.meta.env.BASE_URL, self.location.origin));
export const datasets = new WorkerDatasets({ assets: (name) => fetchAssets(new URL(`${name}/`, datasetsBase).href) });

const router = createRouter(post)
  .on('worker.', async (message: ToWorkerOf<'worker.hello'>) => {
    await ready;
    if (message.protocol !== PROTOCOL_VERSION) {
      post({ type: 'worker.error', message: `The page speaks protocol ${message.protocol} but the worker speaks ${PROTOCOL_VERSION}. Reload the page.`, where: 'worker.hello' });
      return;
    }
    post({ type: 'worker.ready', protocol: PROTOCOL_VERSION, catalogue: datasetsCatalogue(), backend: tf.getBackend() });
  })
  .on('dataset.', async (message, p) => {
    await ready;
    await createDatasetHandlerOnce()(message, p);
  })
  .on('import.', async (message) => {
    await ready;
    await importHandler(message);
  })
  .on('train.', async (message) => {
    await ready;
    await training.handle(message, post);
  })
  .on('arena.', async (message) => {
    await ready;
    await training.handle(message, post);
  })
  .on('export.', async (message, p) => {
    await ready;
    await (await exporter())(message, p);
  });

// Training and the fusion arena: one run at a time, on the datasets this worker holds.
const training = createTrainingHandler({ loadDataset: (doc, key) => datasets.arraysFor(doc, key) });

// Exports of the model the last finished run kept (bundle, PyTorch, Keras), zipped for a download.
// Loaded on the first export (the code generators and the bundle runtime are not small).
let exportHandler: Promise<ExportHandler> | null = null;
type ExportHandler = ReturnType<typeof import('./handlers/export.ts').createExportHandler>;
const exporter = (): Promise<ExportHandler> =>
  (exportHandler ??= import('./handlers/export.ts').then((m) =>
    m.createExportHandler({ trainedModel: () => training.trainedModel(), loadDataset: (doc) => datasets.arraysFor(doc), producedBy: 'Fusion Designer (browser)' }),
  ));

// Imports (user data): parsed and decoded here; the arrays are registered with `datasets` under "user.<slug>".
const importHandler = createImportHandler({ post, register: (arrays) => datasets.register(arrays) });

let datasetHandler: ReturnType<typeof createDatasetHandler> | null = null;
function createDatasetHandlerOnce(): ReturnType<typeof createDatasetHandler> {
  datasetHandler ??= createDatasetHandler(datasets);
  return datasetHandler;
}

self.addEventListener('message', (event: MessageEvent<unknown>) => void router.dispatch(event.data));
