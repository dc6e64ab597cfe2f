import type { JobProgress } from '../study/jobProgress.js';

/** `m:ss` of a number of seconds, or `--:--` when not known yet. */
function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The progress line's text: what runs, replications of the whole job done, simulated days, ETA of the whole job. */
export function progressText(p: JobProgress, elapsedSeconds: number): string {
  const eta = p.fraction > 0.01 ? Math.max(0, (elapsedSeconds / p.fraction) * (1 - p.fraction)) : NaN;
  const days = p.running.length
    ? `, simulated day ${p.running.map((r) => r.day.toFixed(1)).join(', ')} of ${Math.max(...p.running.map((r) => r.ofDays)).toFixed(1)}`
    : '';
  return `${p.doing}: replications ${p.done}/${p.total} done${days}, ETA ${clock(eta)}`;
}

/**
 * A one-line progress display on stderr for long runs (hand-written: it is one line redrawn,
 * and it counts running replications by their simulated clock, which a bar library's
 * value/total would not). It names what is running (the scenario of a compare, the point of
 * a sweep) and its ETA covers the whole job. Shown only on a terminal; silent when stderr is
 * piped (CI logs stay clean) and under --quiet.
 */
export function progressLine(stream: NodeJS.WriteStream, quiet: boolean): { onProgress?: (p: JobProgress) => void; finish(): void } {
  if (quiet || !stream.isTTY) return { finish() {} };
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    onProgress(p: JobProgress) {
      const now = Date.now();
      if (now - last < 200 && p.done < p.total) return;
      last = now;
      stream.write(`\r\x1b[2K${progressText(p, (now - started) / 1000)}`);
      shown = true;
    },
    finish() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
