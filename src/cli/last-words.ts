/**
 * What to tell the user if the process is stopped hard (a second Ctrl-C during cleanup): the
 * run registers a function that reads its ledger, so the last line says exactly what is left.
 */
let note: (() => string | undefined) | undefined;

/** Registers (or, with undefined, clears) the note for a forced stop. */
export function setLastWords(fn: (() => string | undefined) | undefined): void {
  note = fn;
}

/** The note, or undefined; never throws, since the process is about to exit. */
export function lastWords(): string | undefined {
  try {
    return note?.();
  } catch {
    return undefined;
  }
}
