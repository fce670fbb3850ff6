import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportResult } from '../../../../shared/schemas/document';
import { call, isApiError, onEvent, type ApiError } from '../../api/client';
import { newJobId } from './format';

export interface ImportState {
  jobId: string;
  done: number;
  total: number;
  label?: string;
}

export type ImportOutcome =
  | { kind: 'done'; result: ImportResult }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: ApiError };

/**
 * Runs one `documents.import` and follows its `job.progress` events. Paths come from the OS dialog
 * (main process) or from a drop resolved to paths by the preload; the renderer never reads file bytes.
 */
export function useImport(caseId: string) {
  const [running, setRunning] = useState<ImportState | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const jobRef = useRef<string | null>(null);
  const cancelledRef = useRef(false);

  useEffect(
    () =>
      onEvent('job.progress', (p) => {
        if (p.jobId !== jobRef.current) return;
        setRunning({ jobId: p.jobId, done: p.done, total: p.total, label: p.label });
      }),
    [],
  );

  const start = useCallback(
    /** `files`: tokens from the file dialog or a drop. */
    async (files: string[]) => {
      if (files.length === 0 || jobRef.current) return;
      const jobId = newJobId();
      jobRef.current = jobId;
      cancelledRef.current = false;
      setOutcome(null);
      setRunning({ jobId, done: 0, total: 0 });
      try {
        const result = await call('documents.import', { caseId, files, jobId });
        setOutcome({ kind: 'done', result });
      } catch (e) {
        if (cancelledRef.current) setOutcome({ kind: 'cancelled' });
        else if (isApiError(e)) setOutcome(e.code === 'CANCELLED' ? { kind: 'cancelled' } : { kind: 'error', error: e });
      } finally {
        jobRef.current = null;
        setRunning(null);
      }
    },
    [caseId],
  );

  const cancel = useCallback(async () => {
    const jobId = jobRef.current;
    if (!jobId) return;
    cancelledRef.current = true;
    await call('documents.cancelImport', { jobId }).catch(() => undefined);
  }, []);

  return { running, outcome, start, cancel, clearOutcome: () => setOutcome(null) };
}
