import { describe, expect, it } from 'vitest';
import { createGate, WaitBudgetSpent } from '../../src/execute/gate.js';

/** A gate on a clock the test moves: sleeping advances it. */
function clocked(options: Parameters<typeof createGate>[0] = {}) {
  let t = 0;
  const lines: string[] = [];
  const slept: number[] = [];
  const gate = createGate({
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      const from = t;
      await new Promise((resolve) => setImmediate(resolve));
      t = Math.max(t, from + ms);
    },
    random: () => 0.5,
    notify: (line) => lines.push(line),
    ...options,
  });
  return { gate, lines, slept, advance: (ms: number) => (t += ms), at: () => t };
}

describe('the throttle gate', () => {
  it('one Retry-After holds every request until it has passed, and no longer', async () => {
    const { gate, slept, advance } = clocked();
    expect(gate.isOpen()).toBe(true);
    gate.close(3000, 'GET /x answered 429');
    advance(1000);
    expect(gate.isOpen()).toBe(false);
    // Two other requests arrive at the gate: both wait for what is left, not a wait of their own.
    await Promise.all([gate.pass(), gate.pass()]);
    expect(slept).toEqual([2000, 2000]);
    expect(gate.isOpen()).toBe(true);
    expect(gate.waitedMs()).toBe(3000);
  });

  it('a later, longer wait extends the closing; a shorter one inside it changes nothing', async () => {
    const { gate, advance } = clocked();
    gate.close(2000, 'a');
    advance(500);
    expect(gate.close(1000, 'b')).toBe(1500);
    expect(gate.close(4000, 'c')).toBe(4000);
    expect(gate.waitedMs()).toBe(4500);
  });

  it('without Retry-After, backs off exponentially with jitter, shared, and starts over after an answer that is not throttled', () => {
    const { gate, advance } = clocked({ baseDelayMs: 1000 });
    // Equal jitter at random() = 0.5: three quarters of the ceiling, which doubles per throttled answer in a row.
    const waits = [1, 2, 3].map(() => {
      const ms = gate.close(undefined, 'x');
      advance(ms);
      return ms;
    });
    expect(waits).toEqual([750, 1500, 3000]);
    gate.succeeded();
    expect(gate.close(undefined, 'x')).toBe(750);
  });

  it('says every wait of 5 s or more, naming what is waited for, and keeps quiet about shorter ones', () => {
    const { gate, lines, advance } = clocked();
    gate.close(4000, 'GET /a answered 429 Too Many Requests, Retry-After: 4');
    advance(4000);
    gate.close(120_000, 'GET /b answered 429 Too Many Requests, Retry-After: 120');
    gate.announce(6000, 'DELETE /c answered 409 Conflict');
    gate.announce(1000, 'DELETE /d answered 409 Conflict');
    expect(lines).toEqual([
      'gsc: waiting 120 s before the next request to the target: GET /b answered 429 Too Many Requests, Retry-After: 120',
      'gsc: waiting 6 s before sending again: DELETE /c answered 409 Conflict',
    ]);
  });

  it('a wait beyond the --max-wait budget ends the run at the gate, but a caller with its own deadline (cleanup) still honours it', async () => {
    const { gate, lines, at } = clocked({ maxWaitMs: 60_000 });
    gate.close(120_000, 'GET /t answered 429');
    await expect(gate.pass()).rejects.toBeInstanceOf(WaitBudgetSpent);
    expect(lines[0]).toBe('gsc: the target asks for a wait of 120 s (GET /t answered 429), more than is left of the --max-wait budget of 60 s: the run ends');
    expect(gate.waitedMs()).toBe(0);
    // Cleanup with 2 minutes left waits it out; with 1 minute it gives up at once rather than send early.
    expect(await gate.pass({ deadline: at() + 30_000 })).toBe(false);
    expect(at()).toBe(0);
    expect(await gate.pass({ deadline: at() + 130_000 })).toBe(true);
    expect(at()).toBe(120_000);
  });

  it('an aborted signal ends the wait', async () => {
    const { gate } = clocked({ sleep: async () => {} });
    gate.close(10_000, 'x');
    const stop = new AbortController();
    stop.abort();
    expect(await gate.pass({ signal: stop.signal })).toBe(false);
  });
});
