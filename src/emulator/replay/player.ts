import { idsIn, segments } from './ids.js';
import type { RecordedExchange } from './recording.js';

/** A recorded request, with each segment that names an id an earlier answer handed out marked as such. */
interface Expected {
  exchange: RecordedExchange;
  segments: { text: string; capturedId: boolean }[];
  query: string;
}

/**
 * Answers requests from a recording, in order. Each recorded exchange answers once. A path
 * segment that names an id captured from an earlier recorded answer (a create's job id) matches
 * only once that answer has been replayed, and only the id it handed out: so a recorded create,
 * get and delete replay in their order, and a get of a job before its create has no answer.
 */
export class Player {
  readonly #expected: Expected[];
  readonly #used = new Set<number>();
  /** Ids the replay has handed out so far, as the recording captured them → as served. */
  readonly #handedOut = new Map<string, string>();

  constructor(exchanges: readonly RecordedExchange[]) {
    const captured = new Set<string>();
    this.#expected = exchanges.map((exchange) => {
      const expected: Expected = {
        exchange,
        segments: segments(exchange.path).map((text) => ({ text, capturedId: captured.has(text) })),
        query: exchange.path.includes('?') ? exchange.path.slice(exchange.path.indexOf('?')) : '',
      };
      for (const id of idsIn(exchange.body)) captured.add(id);
      return expected;
    });
  }

  /** How many exchanges the recording holds, and how many have been answered. */
  get size(): number {
    return this.#expected.length;
  }

  get answered(): number {
    return this.#used.size;
  }

  /** The first unanswered recorded exchange this request matches, marked answered; undefined when none. */
  answer(method: string, path: string): RecordedExchange | undefined {
    const wanted = segments(path);
    const query = path.includes('?') ? path.slice(path.indexOf('?')) : '';
    const found = this.#expected.find(
      (e, i) =>
        !this.#used.has(i) &&
        e.exchange.method === method.toUpperCase() &&
        e.query === query &&
        e.segments.length === wanted.length &&
        e.segments.every((s, j) => (s.capturedId ? this.#handedOut.get(s.text) === wanted[j] : s.text === wanted[j])),
    );
    if (found === undefined) return undefined;
    this.#used.add(this.#expected.indexOf(found));
    // The answer is replayed byte for byte, so an id is handed out as recorded.
    for (const id of idsIn(found.exchange.body)) this.#handedOut.set(id, id);
    return found.exchange;
  }
}
