/**
 * What happened to each create of the run that left no job id in the ledger, in words, so the
 * run's end note says it ("2 creates whose 201 answer had no job id") instead of guessing.
 * Only such creates are noted, so it stays small however long the run.
 */
export class OpenCreates {
  private readonly what = new Map<string, string>();

  /** `what` completes "N create(s) …", e.g. "whose 201 answer had no job id". */
  note(intentId: string | undefined, what: string): void {
    if (intentId) this.what.set(intentId, what);
  }

  /** What was noted for the create, if anything. */
  of(intentId: string): string | undefined {
    return this.what.get(intentId);
  }
}
