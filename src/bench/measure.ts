/** What one benchmark case measured in its own child process. */
export interface Measured {
  /** CPU seconds (user + system) of the simulation alone, start to end of the run. */
  loopCpuSeconds: number;
  /** CPU seconds of the whole process up to the end of the run (module loading and set-up included). */
  processCpuSeconds: number;
  /** Wall seconds of the simulation alone. */
  wallSeconds: number;
  /** Calls arrived (every attempt: new, redials, switches, call-backs). */
  calls: number;
  /** Model events: arrivals, answers, service ends, abandonments. */
  modelEvents: number;
  /** Counted calls answered within target and abandoned, per cent of those offered. */
  withinTargetPct: number;
  abandonedPct: number;
  peakRssMb: number;
}

/** What a case returns, before it is timed. */
export type Outcome = Omit<Measured, 'loopCpuSeconds' | 'processCpuSeconds' | 'wallSeconds' | 'peakRssMb'>;

/** Time `run` in CPU (its own and the whole process's so far) and wall seconds. */
export async function measure(run: () => Promise<Outcome> | Outcome): Promise<Measured> {
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  const outcome = await run();
  const wallSeconds = Number(process.hrtime.bigint() - wall0) / 1e9;
  const loop = process.cpuUsage(cpu0);
  const whole = process.cpuUsage();
  return {
    ...outcome,
    loopCpuSeconds: (loop.user + loop.system) / 1e6,
    processCpuSeconds: (whole.user + whole.system) / 1e6,
    wallSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** x as a percentage of `of` (NaN of nothing). */
export const pct = (x: number, of: number) => (of > 0 ? (100 * x) / of : NaN);

