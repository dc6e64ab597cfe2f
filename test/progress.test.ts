/**
 * Progress of compare and sweep: one count and one ETA over the whole job (both scenarios,
 * every point), naming what runs; the line shown on a terminal says so.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.js';
import { compareStudies } from '../src/study/compare.js';
import { runSweep } from '../src/study/sweep.js';
import type { JobProgress } from '../src/study/jobProgress.js';
import { progressLine, progressText } from '../src/cli/progress.js';
import { fixture, TempDirs } from './fixtures/harness.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());
const SHORT = [{ keyPath: 'horizon.hours', value: 2 }];

function expectOneJob(events: JobProgress[], total: number): void {
  expect(events.length).toBeGreaterThanOrEqual(total);
  for (const e of events) expect(e.total).toBe(total);
  for (let i = 1; i < events.length; i++) {
    expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
    expect(events[i].fraction).toBeGreaterThanOrEqual(events[i - 1].fraction - 1e-12);
  }
  expect(events.at(-1)!.done).toBe(total);
  expect(events.at(-1)!.fraction).toBe(1);
}

describe('compare progress', () => {
  it('counts both scenarios as one job and names the one running', async () => {
    const base = loadScenario(fixture('small.yaml'), SHORT);
    const variant = loadScenario(fixture('small.yaml'), [...SHORT, { keyPath: 'name', value: 'small-plus' }, { keyPath: 'handlers.all.staff', value: 7 }]);
    const events: JobProgress[] = [];
    await compareStudies(base, variant, {
      seed: 1, replications: 3, workers: 1, calls: false,
      outDir: path.join(dirs.make('metcc-progress-'), 'c'),
      onJobProgress: (p) => events.push(structuredClone(p)),
    });
    expectOneJob(events, 6);
    const doing = [...new Set(events.map((e) => e.doing))];
    expect(doing).toEqual(['baseline small', 'variant small-plus']);
    // the variant's first report already counts the baseline's three replications as done
    const firstVariant = events.find((e) => e.doing === 'variant small-plus')!;
    expect(firstVariant.done).toBeGreaterThanOrEqual(3);
    expect(firstVariant.fraction).toBeGreaterThanOrEqual(0.5);
  });
});

describe('sweep progress', () => {
  it('counts every point as one job and names the point running with its values', async () => {
    const events: JobProgress[] = [];
    await runSweep(fixture('small.yaml'), SHORT, [{ keyPath: 'handlers.all.staff', values: [5, 6] }], {
      replications: 2, workers: 1, outDir: path.join(dirs.make('metcc-progress-'), 's'),
      onJobProgress: (p) => events.push(structuredClone(p)),
    });
    expectOneJob(events, 4);
    const doing = [...new Set(events.map((e) => e.doing))].filter((d) => d.startsWith('point'));
    expect(doing).toEqual(['point 1 of 2 (handlers.all.staff=5)', 'point 2 of 2 (handlers.all.staff=6)']);
  });
});

describe('the progress line', () => {
  const p: JobProgress = { doing: 'variant x', done: 1, total: 4, fraction: 0.25, running: [{ day: 0.5, ofDays: 2 }] };

  it('names what runs and gives the ETA of the whole job', () => {
    // a quarter of the job took 10 s: the other three quarters take 30 s more
    expect(progressText(p, 10)).toBe('variant x: replications 1/4 done, simulated day 0.5 of 2.0, ETA 0:30');
    expect(progressText({ ...p, fraction: 0 }, 1)).toMatch(/ETA --:--$/);
  });

  it('is drawn on a terminal only, and not under --quiet', () => {
    const written: string[] = [];
    const tty = { isTTY: true, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream;
    progressLine(tty, true).onProgress?.(p);
    expect(written).toEqual([]);
    progressLine({ ...tty, isTTY: false } as NodeJS.WriteStream, false).onProgress?.(p);
    expect(written).toEqual([]);
    const line = progressLine(tty, false);
    line.onProgress!(p);
    line.finish();
    expect(written[0]).toMatch(/variant x: replications 1\/4 done/);
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });
});
