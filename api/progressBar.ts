import type { RebuildProgress } from '../projections/runtime/rebuild.ts';

// One line: "[#########...........] 45%  12,345 / 27,000 events  15,210 ev/s  ETA 1s".
export function renderProgress(p: RebuildProgress, width = 30): string {
  const done = Number(p.done);
  const total = Math.max(1, Number(p.total));
  const ratio = p.phase === 'done' ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  const n = (x: number) => x.toLocaleString('en-US');
  const eta = p.phase === 'done' ? 'done' : p.etaSeconds === null ? 'ETA ?' : `ETA ${p.etaSeconds}s`;
  return `${p.name} g${p.generation} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${n(done)} / ${n(Number(p.total))} events  ${n(p.eventsPerSecond)} ev/s  ${eta}  (${p.phase})`;
}

// On a terminal the bar redraws in place; elsewhere (CI logs) it prints at most once a second.
export function progressPrinter(stream: NodeJS.WriteStream = process.stdout) {
  let lastPrinted = 0;
  return (p: RebuildProgress) => {
    const line = renderProgress(p);
    if (stream.isTTY) stream.write(`\r${line}${p.phase === 'done' ? '\n' : ''}`);
    else if (p.phase === 'done' || Date.now() - lastPrinted >= 1000) {
      stream.write(`${line}\n`);
      lastPrinted = Date.now();
    }
  };
}
