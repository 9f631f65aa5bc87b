/**
 * A grouped horizontal bar chart as a standalone SVG string (no
 * dependencies). Each group (a workload, say) has one bar per series (a
 * contender). Bars are scaled per group, because the workloads differ by
 * orders of magnitude and the point is the comparison within one; the value
 * is printed at the end of each bar.
 */
export type ChartGroup = { label: string; values: (number | null)[] };
export type Chart = {
  title: string;
  subtitle: string;
  series: string[];
  groups: ChartGroup[];
  format?: (value: number) => string;
};

const COLORS = ['#2563eb', '#9ca3af', '#f97316', '#16a34a', '#9333ea'];
const WIDTH = 760;
const LABEL = 230;
const BAR = 14;
const GAP = 3;
const GROUP_GAP = 14;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderChart(chart: Chart): string {
  const format = chart.format ?? ((value: number) => value.toLocaleString('en-US'));
  const legendY = 52;
  let y = legendY + 28;
  const body: string[] = [];
  for (const group of chart.groups) {
    const max = Math.max(0, ...group.values.map((value) => value ?? 0));
    const height = chart.series.length * (BAR + GAP);
    body.push(text(8, y + height / 2 + 4, group.label, 'label'));
    chart.series.forEach((_, i) => {
      const value = group.values[i];
      const top = y + i * (BAR + GAP);
      if (value === null || value === undefined) {
        body.push(text(LABEL, top + BAR - 3, 'n/a', 'na'));
        return;
      }
      const span = WIDTH - LABEL - 90;
      const width = max > 0 ? Math.max(1, (value / max) * span) : 1;
      body.push(
        `<rect x="${LABEL}" y="${top}" width="${width.toFixed(1)}" height="${BAR}" fill="${COLORS[i % COLORS.length]}"/>`,
        text(LABEL + width + 4, top + BAR - 3, format(value), 'value'),
      );
    });
    y += height + GROUP_GAP;
  }
  let legendX = 8;
  const legend = chart.series.map((name, i) => {
    const x = legendX;
    legendX += Math.max(150, name.length * 7 + 36);
    return `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>${text(x + 16, legendY, name, 'legend')}`;
  });
  const height = y + 6;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    `<title>${escapeXml(`${chart.title}: ${chart.subtitle}`)}</title>`,
    '<style>.title{font-size:16px;font-weight:600}.subtitle{font-size:11px;fill:#555}.label{font-size:12px}.value{font-size:11px}.legend{font-size:12px}.na{font-size:11px;fill:#999}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    text(8, 20, chart.title, 'title'),
    text(8, 36, chart.subtitle, 'subtitle'),
    ...legend,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

const text = (x: number, y: number, content: string, cls: string) =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" class="${cls}">${escapeXml(content)}</text>`;
