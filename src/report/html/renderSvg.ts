/** A Vega-Lite specification, as JSON. */
export type VegaLiteSpec = Record<string, unknown>;

/** What every chart shares: fonts, sizes, a white background, the colour-blind-safe series colours. */
const CONFIG = {
  font: 'DejaVu Sans, Verdana, Arial, sans-serif',
  background: '#ffffff',
  padding: 8,
  view: { stroke: '#dddddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eeeeee' },
  legend: { labelFontSize: 11, titleFontSize: 12, symbolStrokeWidth: 2, labelLimit: 400 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
};

/**
 * Render a Vega-Lite specification to SVG text, in Node, at write time: the page needs no
 * script to show it. vega and vega-lite load on first use (they cost about 0.3 s to load).
 * The output depends only on the spec: clip-path and gradient ids are numbered per chart,
 * so the same data gives the same bytes in any process, and times are drawn in UTC.
 */
export async function renderSvg(spec: VegaLiteSpec, id: string): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile({ config: CONFIG, ...spec } as Parameters<typeof vegaLite.compile>[0], { logger: quiet }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return renumberIds(svg, id);
  } finally {
    view.finalize();
  }
}

/** vega-lite's logger, silent: its warnings (a legend merged with another) are about layout, not the figures. */
const quiet = {
  level(): never {
    return this as never;
  },
  error(...args: unknown[]): never {
    throw new Error(`vega-lite: ${args.join(' ')}`);
  },
  warn: () => quiet,
  info: () => quiet,
  debug: () => quiet,
};

/** Give the SVG's own ids (vega numbers them across the process) names local to this chart. */
function renumberIds(svg: string, prefix: string): string {
  const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  let out = svg;
  ids.forEach((old, i) => {
    const fresh = `${prefix}-${i + 1}`;
    const escaped = old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`\\bid="${escaped}"`, 'g'), `id="${fresh}"`).replace(new RegExp(`url\\(#${escaped}\\)`, 'g'), `url(#${fresh})`);
  });
  return out;
}
