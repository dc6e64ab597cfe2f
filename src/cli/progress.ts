import type { Progress } from '../study/pool.js';

/**
 * A one-line progress display on stderr for long runs: replications done, the simulated day
 * the running ones have reached, and an ETA. Shown only on a terminal; silent when stderr is
 * piped (CI logs stay clean) and under --quiet.
 */
export function progressLine(stream: NodeJS.WriteStream, horizonSeconds: number, quiet: boolean): { onProgress?: (p: Progress) => void; finish(): void } {
  if (quiet || !stream.isTTY) return { finish() {} };
  const started = Date.now();
  let last = 0;
  let shown = false;
  const day = (s: number) => (s / 86_400).toFixed(1);
  return {
    onProgress(p: Progress) {
      const now = Date.now();
      if (now - last < 200 && p.done < p.total) return;
      last = now;
      const running = [...p.running.values()];
      const fraction = (p.done + running.reduce((a, s) => a + Math.min(1, s / horizonSeconds), 0)) / Math.max(1, p.total);
      const elapsed = (now - started) / 1000;
      const eta = fraction > 0.01 ? Math.max(0, elapsed / fraction - elapsed) : NaN;
      const etaText = Number.isFinite(eta) ? `${Math.floor(eta / 60)}:${String(Math.round(eta % 60)).padStart(2, '0')}` : '--:--';
      const sim = running.length ? `, simulated day ${running.map(day).join(', ')} of ${day(horizonSeconds)}` : '';
      stream.write(`\r\x1b[2Kreplications ${p.done}/${p.total} done${sim}, ETA ${etaText}`);
      shown = true;
    },
    finish() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
