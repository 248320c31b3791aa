// Sending one user action as a command: a fresh commandId per action, the same id again when
// the same action (same type and data) is retried, and the server's refusal as a message.
import { useCallback, useRef, useState } from 'preact/hooks';
import { ApiError, isApiError, newCommandId, sendCommand } from './api.ts';
import type { CommandResult } from './types.ts';

export type CommandRunner = {
  readonly run: (type: string, tenantId: string, data: Record<string, unknown>) => Promise<CommandResult | undefined>;
  readonly busy: boolean;
  readonly error: ApiError | undefined;
  readonly clearError: () => void;
};

export function useCommand(): CommandRunner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const last = useRef<{ key: string; commandId: string } | null>(null);

  const run = useCallback(async (type: string, tenantId: string, data: Record<string, unknown>) => {
    const key = JSON.stringify([type, tenantId, data]);
    const commandId = last.current?.key === key ? last.current.commandId : newCommandId();
    last.current = { key, commandId };
    setBusy(true);
    setError(undefined);
    try {
      const result = await sendCommand(type, tenantId, data, commandId);
      last.current = null; // done: the next action is a new one
      return result;
    } catch (err) {
      setError(isApiError(err) ? err : new ApiError(0, 'client', String(err)));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  return { run, busy, error, clearError: useCallback(() => setError(undefined), []) };
}
