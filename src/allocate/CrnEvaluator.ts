import type { ReplicationResult } from '../metrics/ReplicationResult.js';
import type { Progress } from '../study/pool.js';
import { runPoints } from '../study/runPoints.js';
import { allocationKey, type Allocation, type Menu } from './Menu.js';
import type { ObjectiveFigures, ObjectiveReader } from './Objective.js';

/** One allocation simulated: its figures and objective per replication (replication order). */
export interface Evaluated {
  allocation: Allocation;
  figures: ObjectiveFigures[];
  objective: number[];
  /** 1-based order in which it was simulated, and why. */
  index: number;
  phase: string;
}

/**
 * Simulates allocations on common random numbers: every allocation with the same seed and
 * replication indices, so two allocations differ only by what the levers change and their
 * difference is paired replication by replication. The replications of every allocation asked
 * for at once run as one batch on the worker pool. An allocation already run is not run again.
 */
export class CrnEvaluator {
  private readonly cache = new Map<string, Evaluated>();
  readonly history: Evaluated[] = [];

  constructor(
    private readonly menu: Menu,
    private readonly reader: ObjectiveReader,
    private readonly options: { seed: number; replications: number; workers: number; onProgress?: (p: Progress, doing: string) => void },
  ) {}

  get count(): number {
    return this.history.length;
  }

  async evaluate(allocations: readonly Allocation[], phase: string, keep?: (index: number, results: ReplicationResult[]) => void): Promise<Evaluated[]> {
    const keys = allocations.map(allocationKey);
    const fresh = [...new Set(keys)].filter((k) => !this.cache.has(k));
    const freshAllocation = new Map(keys.map((k, i) => [k, allocations[i]]));
    if (fresh.length > 0) {
      const figures = fresh.map(() => [] as ObjectiveFigures[]);
      const kept = fresh.map(() => [] as ReplicationResult[]);
      const doing = `${phase}: allocation${fresh.length > 1 ? 's' : ''} ${this.count + 1}${fresh.length > 1 ? `-${this.count + fresh.length}` : ''}`;
      await runPoints(
        fresh.map((key) => this.menu.scenarioOf(freshAllocation.get(key)!)),
        this.options,
        (f, result) => {
          figures[f].push(this.reader.read(result));
          if (keep) kept[f].push(result);
        },
        this.options.onProgress ? (p) => this.options.onProgress!(p, doing) : undefined,
      );
      fresh.forEach((key, f) => {
        const e: Evaluated = { allocation: freshAllocation.get(key)!, figures: figures[f], objective: figures[f].map((x) => this.reader.value(x)), index: this.count + 1, phase };
        this.cache.set(key, e);
        this.history.push(e);
        if (keep) keep(keys.indexOf(key), kept[f]);
      });
    }
    return keys.map((k, i) => ({ ...this.cache.get(k)!, allocation: allocations[i] }));
  }
}
