/**
 * Each kind of report.html (a run, a compare, a sweep) opened in headless Chromium, as a
 * reader would: no console error, no failed or outside request, nothing wider than the window
 * (no sideways scrolling to read a table's last columns), every chart drawn with marks of some
 * size; a PNG screenshot of each page goes to test-output/browser/.
 *
 * Chromium is Debian's `chromium` package (.ci/run installs it when /usr/bin/chromium is
 * missing; CHROMIUM_PATH names another). Without it the test fails under CI and is skipped
 * elsewhere, saying why.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT, TempDirs } from './fixtures/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-output', 'browser');
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
if (!available) console.warn(`browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const dirs = new TempDirs();
let browser: Browser;
const folders: Record<'run' | 'compare' | 'sweep', string> = { run: '', compare: '', sweep: '' };
const BASELINE = path.join(ROOT, 'scenarios', 'metcc-2022-baseline.yaml');
const INVESTMENT = path.join(ROOT, 'scenarios', 'metcc-2023-investment.yaml');
const DAY = ['--set', 'horizon.days=1', '--set', 'horizon.warmup_days=1', '--replications', '2', '--workers', '1', '--quiet'];

async function ok(...args: string[]): Promise<void> {
  const r = await cli(...args);
  expect(r.code, r.err).toBe(0);
}

/** What a reader's browser saw of a page: its problems, and each chart's drawn marks. */
async function open(file: string, shot: string): Promise<{ problems: string[]; charts: { id: string; marks: number }[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request outside the file: ${r.url()}`);
  });
  await page.setViewport({ width: 1000, height: 900 });
  const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  expect(response?.ok() ?? true).toBe(true);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('table, figure')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()} after '${el.previousElementSibling?.textContent?.slice(0, 40) ?? ''}' reaches ${Math.round(el.getBoundingClientRect().right)} px of ${document.documentElement.clientWidth}`),
  );
  for (const w of wide) problems.push(`wider than the window: ${w}`);
  const charts = await page.$$eval('figure.chart', (figures) =>
    figures.map((f) => {
      const drawn = [...f.querySelectorAll('svg g[class^="mark-"] path, svg g[class^="mark-"] rect, svg g[class^="mark-"] line')].filter((el) => {
        const box = (el as SVGGraphicsElement).getBBox();
        return box.width + box.height > 0;
      });
      return { id: f.getAttribute('data-chart') ?? '', marks: drawn.length };
    }),
  );
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
  await page.close();
  return { problems, charts };
}

describe.skipIf(!available)('report.html in Chromium', () => {
  beforeAll(async () => {
    for (const k of Object.keys(folders) as (keyof typeof folders)[]) folders[k] = path.join(dirs.make(`metcc-browser-${k}-`), 'out');
    await ok('run', BASELINE, ...DAY, '--out', folders.run);
    await ok('compare', BASELINE, INVESTMENT, ...DAY, '--out', folders.compare);
    await ok('sweep', path.join(ROOT, 'scenarios', 'erlang-a-check.yaml'), '--set', 'handlers.all.staff=48,50,52', '--set', 'horizon.hours=10', '--replications', '2', '--workers', '1', '--quiet', '--out', folders.sweep);
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    dirs.cleanup();
  });

  const cases: [kind: keyof typeof folders, file: string, expected: RegExp[]][] = [
    ['run', 'report.html', [/^answer-times$/, /^service-by-hour-4$/, /^peel-bands$/, /^abandonment$/, /^occupancy$/, /^training-mix$/]],
    ['compare', 'report.html', [/^compare-by-hour-2$/, /^answer-times$/, /^service-by-hour-2$/, /^peel-bands$/, /^abandonment$/, /^occupancy$/, /^training-mix$/]],
    ['compare', 'metcc-2023-investment/report.html', [/^answer-times$/, /^training-mix$/]],
    ['sweep', 'report.html', [/^sweep-1$/, /^sweep-2$/, /^sweep-3$/]],
  ];
  for (const [kind, file, expected] of cases) {
    it(`${kind}: ${file} shows every chart with marks and no console error or failed request`, async () => {
      const shot = `${kind}-${file.replace(/\//g, '-').replace(/\.html$/, '')}.png`;
      const { problems, charts } = await open(path.join(folders[kind], file), shot);
      expect(problems).toEqual([]);
      const ids = charts.map((c) => c.id);
      for (const e of expected) expect(ids.some((id) => e.test(id)), `${e} among ${ids.join(', ')}`).toBe(true);
      for (const c of charts) expect(c.marks, `${c.id} drew no marks`).toBeGreaterThan(0);
      expect(existsSync(path.join(SHOTS, shot))).toBe(true);
    }, 120_000);
  }
});
