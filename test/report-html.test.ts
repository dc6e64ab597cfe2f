/**
 * report.html: self-contained (no script, nothing fetched), every chart drawn with marks, the
 * same bytes whatever process or time zone draws it, and `metcc-sim report <dir>` draws it
 * again from the folder; the palette reads in greyscale.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luminance, orderedColours, SERIES_COLOURS, SERIES_DASHES } from '../src/report/html/palette.js';
import { cli, fixture, ROOT, TempDirs } from './fixtures/harness.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());
const BASELINE = path.join(ROOT, 'scenarios', 'metcc-2022-baseline.yaml');
const BIN = path.join(ROOT, 'dist', 'cli', 'bin.js');

/** The figures of a page: each chart's id and its SVG. */
function charts(html: string): { id: string; svg: string }[] {
  return [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"[^>]*>\n([\s\S]*?)\n<\/figure>/g)].map((m) => ({ id: m[1], svg: m[2] }));
}

/** Marks vega drew: the paths, rects and lines inside its mark groups, with some geometry. */
function markCount(svg: string): number {
  return [...svg.matchAll(/<g class="mark-(?:line|rect|area|symbol|rule)[^"]*"[^>]*>([\s\S]*?)<\/g>/g)].reduce(
    (n, m) => n + [...m[1].matchAll(/<(?:path|line|rect)\b[^>]*\b(?:d="M[^"]+"|x2="|width=")/g)].length,
    0,
  );
}

let small: string;
let rich: string;
beforeAll(async () => {
  small = path.join(dirs.make('metcc-html-'), 'small');
  rich = path.join(dirs.make('metcc-html-'), 'rich');
  expect((await cli('run', fixture('small.yaml'), '--workers', '1', '--quiet', '--out', small)).code).toBe(0);
  const r = await cli('run', BASELINE, '--set', 'horizon.days=1', '--set', 'horizon.warmup_days=1', '--replications', '2', '--workers', '1', '--quiet', '--out', rich);
  expect(r.code, r.err).toBe(0);
}, 180_000);

describe('report.html of a run', () => {
  it('is self-contained: no script, nothing to fetch', () => {
    for (const dir of [small, rich]) {
      const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
      const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
      expect(refs.filter((r) => !r.startsWith('#') && !r.startsWith('data:'))).toEqual([]);
    }
  });

  it('has the headline table and every chart the reports allow, each with marks, a title and how to read it', () => {
    const html = readFileSync(path.join(rich, 'report.html'), 'utf8');
    expect(html).toMatch(/<section id="headline">[\s\S]*<table>[\s\S]*<th scope="row">999<\/th>/);
    const ids = charts(html).map((c) => c.id);
    expect(ids).toEqual(['answer-times', 'service-by-hour-1', 'service-by-hour-2', 'service-by-hour-3', 'service-by-hour-4', 'peel-bands', 'abandonment', 'occupancy', 'training-mix']);
    for (const c of charts(html)) {
      expect(markCount(c.svg), c.id).toBeGreaterThan(0);
      expect(html).toMatch(new RegExp(`<section id="${c.id}">\\n<h2>[^<]+</h2>\\n<p class="how"><strong>How to read this:</strong> [^<]{40,}</p>`));
    }
    // 999's target share (calls_pct: 90) is drawn as a line with its label; 101 has none
    const target = charts(html).find((c) => c.id === 'service-by-hour-2')!;
    expect(html).toMatch(/999: answered within 10 s, per hour/);
    expect(target.svg).toContain('target 90%');
    expect(charts(html).find((c) => c.id === 'service-by-hour-1')!.svg).not.toContain('target ');
    // a scenario without training levels has no training-mix chart
    expect(charts(readFileSync(path.join(small, 'report.html'), 'utf8')).map((c) => c.id)).not.toContain('training-mix');
  });

  it('is drawn again, byte for byte, by metcc-sim report <dir>, in another process and time zone', () => {
    const copy = path.join(dirs.make('metcc-html-'), 'copy');
    cpSync(rich, copy, { recursive: true });
    writeFileSync(path.join(copy, 'report.html'), 'stale');
    const out = execFileSync(process.execPath, [BIN, 'report', copy], { encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Auckland' } });
    expect(out).toMatch(/report\.html written to/);
    expect(readFileSync(path.join(copy, 'report.html')).equals(readFileSync(path.join(rich, 'report.html')))).toBe(true);
  });

  it('report <dir> refuses a folder that holds no reports, writing nothing', async () => {
    const empty = dirs.make('metcc-html-');
    const r = await cli('report', empty);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no run\.json, compare\.json or sweep\.csv; expected the --out folder of a run, merge, compare or sweep/);
    expect(existsSync(path.join(empty, 'report.html'))).toBe(false);
    const missing = await cli('report', path.join(empty, 'nothing-here'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no such folder/);
  });
});

describe('the palette', () => {
  it('orders bands and levels by lightness alone, so they read in greyscale', () => {
    for (const n of [2, 3, 4, 5]) {
      const l = orderedColours(n).map(luminance);
      for (let i = 1; i < n; i++) expect(l[i] - l[i - 1], `${n} colours, step ${i}`).toBeGreaterThan(0.1);
    }
  });

  it('gives every series its own dash pattern as well as its colour', () => {
    expect(new Set(SERIES_DASHES.map((d) => d.join(','))).size).toBe(SERIES_DASHES.length);
    expect(SERIES_DASHES.length).toBeGreaterThanOrEqual(SERIES_COLOURS.length);
  });
});
