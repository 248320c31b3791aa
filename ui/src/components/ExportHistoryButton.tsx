import { useState } from 'preact/hooks';
import { fetchHistoryExport, isApiError, type ApiError } from '../api.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

// Downloads a tenant's history: the file an auditor checks offline with
// `adledger audit verify --file <it> --key <audit key file>`.
export function ExportHistoryButton({ tenantId }: { readonly tenantId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const text = await fetchHistoryExport(tenantId);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `adledger-${tenantId}-history-${new Date().toISOString().slice(0, 10)}.jsonl`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      if (isApiError(err)) setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="stack">
      <button type="button" class="button" onClick={download} disabled={busy} data-testid="audit-export" title="The file the offline verifier reads, with the audit key file">
        {busy ? 'Exporting…' : 'Export history (verifiable)'}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
