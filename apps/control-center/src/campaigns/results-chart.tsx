import { axisTicks, chartSeries, chartSummary, formatDay, type Results } from './chart-data.js';

// Drawn in a fixed coordinate space; the SVG scales to the width it is given.
const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 20, bottom: 48, left: 56 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Told apart by colour and, for those who cannot, by the order in the legend and the table. */
const COLORS = [
  '#0b57d0',
  '#c5221f',
  '#137333',
  '#8430ce',
  '#b06000',
  '#007b83',
  '#5f6368',
  '#a50e70',
  '#3c4043',
  '#1a73e8',
];
const DASHED = '6 4';

const colorOf = (index: number) => COLORS[index % COLORS.length] ?? '#1b1f24';

/**
 * Impressions (solid) and conversions (dashed) per day, a colour per variant. A picture with a
 * summary for screen readers; the numbers themselves are in the table beside it.
 */
export function ResultsChart({ results }: { results: Results }) {
  const { days, series } = chartSeries(results);
  const ticks = axisTicks(Math.max(0, ...series.flatMap((s) => s.values)));
  const top = ticks.at(-1) ?? 1;
  const x = (index: number) => MARGIN.left + (days.length === 1 ? PLOT_W / 2 : (index * PLOT_W) / (days.length - 1));
  const y = (value: number) => MARGIN.top + PLOT_H * (1 - value / top);
  const labelled = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])];
  const variantIndex = (key: string) => results.variants.findIndex((v) => v.key === key);

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={chartSummary(results)} className="chart-svg">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle" className="chart-tick">
              {tick}
            </text>
          </g>
        ))}
        {labelled.map((index) => (
          <text key={index} x={x(index)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" className="chart-tick">
            {formatDay(days[index] ?? results.from)}
          </text>
        ))}
        <text x={MARGIN.left + PLOT_W / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-axis-title">
          Day (UTC)
        </text>
        <text
          transform={`translate(14 ${MARGIN.top + PLOT_H / 2}) rotate(-90)`}
          textAnchor="middle"
          className="chart-axis-title"
        >
          Count per day
        </text>
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-axis" />
        {series.map((line) => {
          const color = colorOf(variantIndex(line.variant));
          const points = line.values.map((value, index) => `${x(index)},${y(value)}`).join(' ');
          return (
            <g key={`${line.variant}-${line.measure}`}>
              <polyline
                points={points}
                fill="none"
                stroke={color}
                strokeWidth={2}
                strokeDasharray={line.measure === 'conversions' ? DASHED : undefined}
              />
              {line.values.map((value, index) =>
                value > 0 ? <circle key={days[index]} cx={x(index)} cy={y(value)} r={3} fill={color} /> : null,
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <p className="muted small">Solid lines: impressions. Dashed lines: conversions (purchases and trials).</p>
        <ul className="chart-legend" aria-label="Legend">
          {results.variants.flatMap((variant, index) => [
            <li key={`${variant.key}-impressions`}>
              <LegendLine color={colorOf(index)} />
              {`Variant ${variant.key}, impressions`}
            </li>,
            <li key={`${variant.key}-conversions`}>
              <LegendLine color={colorOf(index)} dashed />
              {`Variant ${variant.key}, conversions`}
            </li>,
          ])}
        </ul>
      </figcaption>
    </figure>
  );
}

function LegendLine({ color, dashed = false }: { color: string; dashed?: boolean }) {
  return (
    <svg width="28" height="10" aria-hidden="true" focusable="false">
      <line x1="0" x2="28" y1="5" y2="5" stroke={color} strokeWidth="3" strokeDasharray={dashed ? DASHED : undefined} />
    </svg>
  );
}
