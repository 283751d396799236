// Long work in slices: a generator yields now and then, and `drain` runs it for a few milliseconds
// at a time, giving the browser back in between (frames, input, the layout worker's messages), so
// no task of a large graph's loading holds the main thread for long.

/** Resolves in a new task. scheduler.yield where the browser has it, else a MessageChannel hop (no 4 ms clamp). */
export function nextTask(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === "function") return s.yield();
  return new Promise((resolve) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => {
      c.port1.close();
      resolve();
    };
    c.port2.postMessage(0);
  });
}

/**
 * Resolves in the next animation frame, before it is drawn: DOM added then is styled and laid out in
 * that frame. (A hidden tab draws no frames, so work paced by them waits until the tab is shown.)
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Time given to one slice of work. */
export const SLICE_MS = 25;

/**
 * Runs `steps` to its end, yielding to the browser whenever a slice took `budgetMs`; returns its
 * value, or undefined when `cancelled()` turns true between slices.
 */
export async function drain<T>(steps: Generator<unknown, T>, cancelled: () => boolean = () => false, budgetMs = SLICE_MS): Promise<T | undefined> {
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start >= budgetMs) {
      await nextTask();
      if (cancelled()) return undefined;
      start = performance.now();
    }
  }
}

/** Runs `steps` to its end at once. */
export function runAll<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
