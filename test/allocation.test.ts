/**
 * What the hot loop allocates. A JavaScript array whose length is set to 0 drops its storage,
 * and the next pushes allocate it again; with few handlers the idle line emptied every few
 * calls, and the batch of ended calls once a batch, and that was most of what a call
 * allocated (118-143 bytes a call in the benchmark's heavy case, 38-59 without, from run to
 * run). Garbage costs the young generation's collections and streams fresh memory through the
 * caches. Measured with V8's sampling heap profiler, every allocation counted whether
 * collected or not.
 */
import { Session } from 'node:inspector/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandlerGroup } from '../src/model/HandlerGroup.js';
import { HandlerTable } from '../src/model/HandlerTable.js';
import { Handler } from '../src/model/Handler.js';
// the heavy case runs the build (as `npm run bench` does): what V8 inlines, and so what it
// allocates, differs under the test runner's transform of the sources
import { validateScenario } from '../dist/scenario/load.js';
import { reportShape, runReplication } from '../dist/simulate.js';

const session = new Session();
beforeAll(() => session.connect());
afterAll(() => session.disconnect());

/** Bytes allocated while `work` runs (sampled every 1 KiB on average). */
async function allocated(work: () => Promise<unknown> | unknown): Promise<number> {
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
  await work();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  let total = 0;
  const walk = (n: typeof profile.head): void => {
    total += n.selfSize;
    n.children.forEach(walk);
  };
  walk(profile.head);
  return total;
}

describe('the hot loop allocates little', () => {
  it('an idle line that empties and fills again allocates nothing', async () => {
    const group = new HandlerGroup(0, 'g', 0, new HandlerTable());
    const handlers = Array.from({ length: 3 }, () => new Handler(group, null, ''));
    for (const h of handlers) h.onDuty = true;
    const cycle = () => {
      for (const h of handlers) group.pushIdle(h.id);
      for (let k = 0; k < handlers.length; k++) group.popIdle();
    };
    for (let i = 0; i < 10_000; i++) cycle(); // warm up
    const cycles = 200_000;
    const bytes = await allocated(() => {
      for (let i = 0; i < cycles; i++) cycle();
    });
    // before: the line's two arrays were allocated again at every cycle (about 300 bytes)
    expect(bytes / cycles).toBeLessThan(10);
  });

  it('a long idle line that slides along allocates nothing (a ring, not an array grown at one end and copied down)', async () => {
    const group = new HandlerGroup(0, 'g', 0, new HandlerTable());
    const handlers = Array.from({ length: 1_500 }, () => new Handler(group, null, ''));
    for (const h of handlers) {
      h.onDuty = true;
      group.pushIdle(h.id);
    }
    // the longest idle answers and, done, joins the end of the line: the line slides along
    const cycle = () => {
      const h = group.popIdle();
      if (h < 0) throw new Error('the idle line ran dry');
      group.pushIdle(h);
    };
    for (let i = 0; i < 20_000; i++) cycle(); // warm up
    const cycles = 300_000;
    const bytes = await allocated(() => {
      for (let i = 0; i < cycles; i++) cycle();
    });
    // before: the array grew at its end and was sliced down every 1,500 cycles (tens of bytes a cycle)
    expect(bytes / cycles).toBeLessThan(4);
  });

  it("the benchmark's heavy case allocates under 90 bytes a call (it was 118-143; 38-59 now)", async () => {
    const hours = 300_000 / 3800;
    const { scenario, problems } = validateScenario({
      name: 'heavy',
      horizon: { hours, warmup_hours: 0 },
      contacts: {
        '999': {
          priority: 1,
          arrivals: { calls_per_hour: 3800 },
          handling: { exponential: { mean_seconds: 45 } },
          patience: { exponential: { mean_seconds: 60 } },
          target: { answer_within_seconds: 10 },
        },
      },
      handlers: { all: { answers: ['999'], staff: 50 } },
    });
    expect(problems).toEqual([]);
    const shape = reportShape(scenario);
    await runReplication(scenario, shape, { seed: 1, replication: 0 }); // warm up
    let calls = 0;
    const bytes = await allocated(async () => {
      calls = (await runReplication(scenario, shape, { seed: 1, replication: 1 })).events.arrivals;
    });
    expect(calls).toBeGreaterThan(250_000);
    expect(bytes / calls).toBeLessThan(90);
  });
});
