/**
 * The error `opening` (a start-up, a store) fails with. Should it open instead, what it opened is closed
 * again and the test fails here, so a start-up that wrongly succeeds leaves nothing running.
 */
export async function captureFailure<T>(opening: Promise<T>, close: (opened: T) => Promise<void>): Promise<Error> {
  const outcome = await opening.then(
    async (opened) => {
      await close(opened);
      return undefined;
    },
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error(outcome === undefined ? 'it opened, where it should have failed' : `it failed with a non-Error: ${String(outcome)}`);
  return outcome;
}
