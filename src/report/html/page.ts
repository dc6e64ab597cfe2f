import type { Chart } from './Chart.js';
import { renderSvg } from './renderSvg.js';

/** A table of the page: header cells and rows of text (already formatted). */
export interface HeadlineTable {
  headers: string[];
  rows: string[][];
  /** What the table shows and how to read its ± figures. */
  note: string;
  /** How many leading columns hold text (left-aligned); default 1. */
  textColumns?: number;
  /** Columns of long text (descriptions, sources), wrapped within the page's width instead of widening it. */
  wrapColumns?: readonly number[];
}

/** Text made safe to put in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1a1a1a; background: #ffffff; margin: 0 auto; max-width: 900px; padding: 16px 24px 48px; line-height: 1.4; }
h1 { font-size: 1.5em; margin: 0.4em 0 0.2em; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.3em; border-top: 1px solid #dddddd; padding-top: 0.8em; }
p.meta { color: #444444; margin: 0 0 0.6em; }
p.how { margin: 0.2em 0 0.6em; color: #333333; font-size: 0.92em; }
nav ol { margin: 0.3em 0; padding-left: 1.4em; font-size: 0.92em; columns: 2; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.4em 0; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e0e0e0; text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
thead th { border-bottom: 2px solid #888888; vertical-align: bottom; white-space: normal; }
td.wrap { white-space: normal; text-align: left; min-width: 9em; font-size: 0.95em; }
figure { margin: 0.4em 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
footer { margin-top: 2.5em; font-size: 0.85em; color: #555555; border-top: 1px solid #dddddd; padding-top: 0.6em; }
@media print { body { max-width: none; } figure { break-inside: avoid; } }
`;

function tableHtml(t: HeadlineTable): string {
  const wrap = new Set(t.wrapColumns ?? []);
  const text = (i: number) => (i < (t.textColumns ?? 1) ? ' class="text"' : '');
  const cell = (i: number) => (wrap.has(i) ? ' class="wrap"' : text(i));
  const head = `<tr>${t.headers.map((h, i) => `<th scope="col"${text(i) || (wrap.has(i) ? ' class="text"' : '')}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td${cell(i)}>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n<p class="how">${escapeHtml(t.note)}</p>`;
}

/**
 * report.html: a self-contained page (inline CSS and SVG, no script, nothing fetched) with a
 * headline table above the charts; each chart has a title, axis units and a "how to read
 * this" line. Charts are drawn one after another (vega is not re-entrant across views).
 */
export async function htmlPage(page: { title: string; meta: string[]; headline: HeadlineTable[]; charts: Chart[]; footer: string }): Promise<string> {
  const sections: string[] = [];
  for (const c of page.charts) {
    const svg = await renderSvg(c.spec, c.id);
    sections.push(
      `<section id="${c.id}">\n<h2>${escapeHtml(c.title)}</h2>\n<p class="how"><strong>How to read this:</strong> ${escapeHtml(c.howToRead)}</p>\n` +
        `<figure class="chart" data-chart="${c.id}" role="img" aria-label="${escapeHtml(c.title)}">\n${svg}\n</figure>\n</section>`,
    );
  }
  const toc = page.charts.map((c) => `<li><a href="#${c.id}">${escapeHtml(c.title)}</a></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="metcc-sim">
<link rel="icon" href="data:,">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(page.title)}</h1>
${page.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`).join('\n')}
</header>
<section id="headline">
<h2>Headline figures</h2>
${page.headline.map(tableHtml).join('\n')}
</section>
<nav aria-label="charts"><ol>
${toc}
</ol></nav>
${sections.join('\n')}
<footer>${escapeHtml(page.footer)}</footer>
</body>
</html>
`;
}
