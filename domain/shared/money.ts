// Imports nothing, so the console bundles it without zod or the rest of the domain.
// Money as people read it, one format everywhere (server messages, read-model titles and
// the console): "€60,000.00" — en-US grouping, the currency's symbol (or its code, "CHF 1.00"),
// two decimals, more only when the micros hold sub-cent digits ("€1.234567"). Exact: the
// amount goes to Intl as a decimal string built with integer arithmetic, never as a float.
const moneyFormats = new Map<string, Intl.NumberFormat>();
export function formatMicros(micros: number, currency: string): string {
  const negative = micros < 0;
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / 1_000_000);
  const fraction = String(abs % 1_000_000).padStart(6, '0');
  const decimal = `${negative ? '-' : ''}${whole}.${fraction}`;
  const code = /^[A-Z]{3}$/.test(currency) ? currency : '';
  let format = moneyFormats.get(code);
  if (!format) {
    const style = code ? { style: 'currency' as const, currency: code } : {};
    format = new Intl.NumberFormat('en-US', { ...style, minimumFractionDigits: 2, maximumFractionDigits: 6 });
    moneyFormats.set(code, format);
  }
  // Intl formats decimal strings exactly (ES2023); the type still says number.
  return format.format(decimal as unknown as number);
}
