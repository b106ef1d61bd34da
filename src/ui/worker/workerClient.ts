// The page's side of the worker: one module worker for the tab (created on first use), the
// handshake, and listeners. The UI talks to src/train only through these messages.
import { PROTOCOL_VERSION, isFromWorker } from '../../train/protocol.ts';
import type { FromWorker, ToWorker } from '../../train/protocol.ts';

type Listener = (message: FromWorker) => void;

let worker: Worker | null = null;
const listeners = new Set<Listener>();

function start(): Worker {
  const w = new Worker(new URL('../../train/worker.ts', import.meta.url), { type: 'module', name: 'fusion-designer' });
  w.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isFromWorker(event.data)) return;
    for (const l of listeners) l(event.data);
  });
  w.addEventListener('error', (event) => {
    const message = event.message || 'The worker script could not be started.';
    for (const l of listeners) l({ type: 'worker.error', message: `The background worker failed: ${message} Reload the page.`, where: 'worker' });
  });
  w.postMessage({ type: 'worker.hello', protocol: PROTOCOL_VERSION } satisfies ToWorker);
  return w;
}

/** Sends a message to the worker (starting it if needed). */
export function postToWorker(message: ToWorker, transfer: Transferable[] = []): void {
  worker ??= start();
  worker.postMessage(message, transfer);
}

/** Listens to every message from the worker; returns the unsubscribe function. Starts the worker. */
export function onWorkerMessage(listener: Listener): () => void {
  listeners.add(listener);
  worker ??= start();
  return () => {
    listeners.delete(listener);
  };
}
