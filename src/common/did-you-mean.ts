/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions):
 * `expct` -> `expect` is 1, `metohd` -> `method` is 1.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/**
 * The candidate a misspelt `word` most likely meant, or undefined when none is close.
 * A case-insensitive match wins outright (`Must` -> `MUST`). Otherwise the nearest candidate
 * within about a third of the word's length, so `expct` finds `expect` but `foo` finds nothing.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const limit = Math.max(1, Math.floor(word.length / 3));
  return nearest(lower, candidates, (distance) => distance <= limit);
}

/**
 * Like {@link didYouMean}, for a closed set of values (an enum): the set is small and the
 * author meant one of them, so the nearest value is offered as long as it shares anything
 * with the word (`nobody` -> `none`).
 */
export function closestValue(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  return nearest(lower, candidates, (distance, c) => distance < Math.max(lower.length, c.length));
}

function nearest(lower: string, candidates: readonly string[], accept: (distance: number, c: string) => boolean): string | undefined {
  let best: { c: string; distance: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(lower, c.toLowerCase());
    if (accept(distance, c) && (best === undefined || distance < best.distance)) best = { c, distance };
  }
  return best?.c;
}
