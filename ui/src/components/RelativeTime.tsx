import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatRelative } from '../format.ts';

// One shared clock, so every "3 minutes ago" on the page moves on together.
const tickers = new Set<() => void>();
setInterval(() => tickers.forEach((tick) => tick()), 30_000);

export function RelativeTime({ iso }: { readonly iso: string | null | undefined }) {
  const [, setNow] = useState(0);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tickers.add(tick);
    return () => tickers.delete(tick);
  }, []);
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso, true)}>
      {formatRelative(iso)}
    </time>
  );
}
