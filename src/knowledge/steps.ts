/**
 * Long builds written once as steps (a generator that yields between pieces of work), run either to the end at once
 * (a command that only builds) or in slices that give the event loop back every few milliseconds (a reload while the
 * bot is answering: Discord wants an answer to an interaction within 3 seconds, whatever else the process does).
 */
export type Steps<Result> = Generator<void, Result, void>;

/** Runs every step now. */
export function runToEnd<Result>(steps: Steps<Result>): Result {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** Work done between two returns to the event loop. */
export const SLICE_MS = 10;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs the steps, returning to the event loop whenever a slice has taken `sliceMs`. */
export async function runInSlices<Result>(steps: Steps<Result>, sliceMs = SLICE_MS): Promise<Result> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
