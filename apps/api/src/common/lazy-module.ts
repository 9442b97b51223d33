/**
 * A module loaded on its first use rather than at start, once per process, one such import at a time.
 *
 * What a start does not need — the PDF layout, workbooks, the signature engine, DOCX, mail, the S3 client — is
 * imported when first used (docs/performance.md: about a third of the files a start opened). The imports are
 * serialised: under the test command (Jest's ESM runtime, node --experimental-vm-modules) two dynamic imports that
 * link the same module at the same moment fail with "request for 'node:crypto' is not in cache"
 * (nodejs/node#33216). In production this costs nothing: each of these modules is imported once.
 * A failed import is tried again by the next use.
 */
let previous: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(load: () => Promise<T>): Promise<T> {
  const next = previous.then(load, load);
  previous = next.catch(() => undefined);
  return next;
}

export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let module: Promise<T> | undefined;
  return () =>
    (module ??= oneAtATime(load).catch((error: unknown) => {
      module = undefined;
      throw error;
    }));
}
