// The worker's message router: each message type prefix ("dataset.", "import.", "train.") goes to
// one handler; unknown messages and uncaught handler errors come back as worker.error.
import type { FromWorker, ToWorker } from './protocol.ts';

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;
// Handlers take the messages of their area; the router checks the prefix.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (message: any, post: Post) => void | Promise<void>;

export interface Router {
  /** Routes messages whose type starts with `prefix` (e.g. "dataset.") to `handler`. */
  on(prefix: string, handler: Handler): Router;
  dispatch(message: unknown): Promise<void>;
}

export function createRouter(post: Post): Router {
  const routes: { prefix: string; handler: Handler }[] = [];
  const router: Router = {
    on(prefix, handler) {
      routes.push({ prefix, handler });
      return router;
    },
    async dispatch(message) {
      const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
      if (typeof type !== 'string') {
        post({ type: 'worker.error', message: 'The worker received a message without a type.', where: 'worker' });
        return;
      }
      const route = routes.find((r) => type.startsWith(r.prefix));
      if (route === undefined) {
        post({ type: 'worker.error', message: `The worker does not know the message "${type}".`, where: 'worker' });
        return;
      }
      try {
        await route.handler(message as ToWorker, post);
      } catch (err) {
        post({ type: 'worker.error', message: err instanceof Error ? err.message : String(err), where: type });
      }
    },
  };
  return router;
}
