// A small set of mutually exclusive filters: toggle buttons, the pressed one is active.
export function Segmented({ label, options, value, onChange }: { readonly label: string; readonly options: readonly { value: string; label: string }[]; readonly value: string; readonly onChange: (value: string) => void }) {
  return (
    <div class="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          type="button"
          aria-pressed={o.value === value}
          class={o.value === value ? 'segment active' : 'segment'}
          key={o.value}
          onClick={() => onChange(o.value)}
          data-testid={`filter-${o.value || 'all'}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
