// Pause, resume and stop for a running loop, and a cheap yield to the event loop.

/**
 * Control of one run. The loop checks it between batches: pause waits there (model and optimizer
 * untouched), resume continues, stop ends the run at the next check (also while paused).
 */
export class RunControl {
  private pausedFlag = false;
  private stoppedFlag = false;
  private wake: (() => void) | null = null;

  get paused(): boolean {
    return this.pausedFlag;
  }

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  pause(): void {
    if (!this.stoppedFlag) this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    this.release();
  }

  stop(): void {
    this.stoppedFlag = true;
    this.pausedFlag = false;
    this.release();
  }

  /** Resolves when the run is no longer paused (at once when it is not). */
  async waitWhilePaused(): Promise<void> {
    while (this.pausedFlag && !this.stoppedFlag) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

type Port = { onmessage: (() => void) | null; postMessage(v: unknown): void };
type Channel = { readonly port1: Port; readonly port2: Port };

let channel: Channel | null = null;
const queue: (() => void)[] = [];

/**
 * Lets queued events (control messages) run between batches with a macrotask that, unlike
 * setTimeout(0), is not clamped to 4 ms when nested, so yielding after every batch costs
 * microseconds: setImmediate in Node (it keeps the process alive while pending), a
 * MessageChannel in browsers and workers, setTimeout as the last resort.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown; MessageChannel?: new () => Channel };
  if (g.setImmediate) {
    const immediate = g.setImmediate;
    return new Promise((resolve) => {
      immediate(resolve);
    });
  }
  if (g.MessageChannel) {
    if (!channel) {
      channel = new g.MessageChannel();
      channel.port1.onmessage = () => queue.shift()?.();
    }
    const ch = channel;
    return new Promise((resolve) => {
      queue.push(resolve);
      ch.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
