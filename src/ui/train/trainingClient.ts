// The training side of the worker client: typed train.* / arena.* requests out, events in.
import { isTrainingEvent } from '../../train/trainingProtocol.ts';
import type { TrainingEvent, TrainingRequest } from '../../train/trainingProtocol.ts';
import type { FromWorker } from '../../train/protocol.ts';
import { onWorkerMessage, postToWorker } from '../worker/workerClient.ts';

/** Sends a training request to the worker. */
export function postTraining(message: TrainingRequest): void {
  postToWorker(message);
}

/** Listens to the worker's training events and its failures not tied to a request. Returns the unsubscribe. */
export function onTrainingMessage(listener: (event: TrainingEvent) => void, onWorkerError: (message: string, where: string) => void): () => void {
  return onWorkerMessage((message: FromWorker) => {
    if (isTrainingEvent(message)) listener(message);
    else if (message.type === 'worker.error') onWorkerError(message.message, message.where);
  });
}
