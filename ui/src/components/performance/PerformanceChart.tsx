import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DayTotals } from '../../performance.ts';

// Spend (left axis) and ROAS (right axis) per day, drawn by uPlot on a canvas.
export function PerformanceChart({ days, currency }: { readonly days: readonly DayTotals[]; readonly currency: string | null }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const data: uPlot.AlignedData = [
      days.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000),
      days.map((d) => d.spend),
      days.map((d) => d.roas),
    ];
    const width = () => Math.max(320, el.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 260,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, spend: { auto: true, range: (_u, _min, max) => [0, max || 1] }, roas: { auto: true, range: (_u, _min, max) => [0, max || 1] } },
        series: [
          {},
          { label: `Spend${currency ? ` (${currency})` : ''}`, scale: 'spend', stroke: '#2f5bd3', fill: 'rgba(47, 91, 211, 0.08)', width: 2, value: (_u, v) => (v === null ? '—' : v.toFixed(2)) },
          { label: 'ROAS', scale: 'roas', stroke: '#1d7f47', width: 2, value: (_u, v) => (v === null ? '—' : `${v.toFixed(2)}×`) },
        ],
        axes: [{}, { scale: 'spend', label: 'Spend' }, { scale: 'roas', side: 1, label: 'ROAS', grid: { show: false } }],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 260 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, currency]);

  return <div class="perf-chart" ref={box} data-testid="performance-chart" />;
}
