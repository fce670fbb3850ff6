import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleCheck, ExportResult } from '../../../../shared/schemas/bundle';
import { call, callResult, onEvent } from '../../api/client';
import { errorText } from '../../components/errors';
import type { Definition } from './definition-edit';
import { noticeKey, noticeText } from './notice-text';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; jobId: string; done: number; total: number; label?: string }
  | { kind: 'done'; result: ExportResult; check?: Check }
  | { kind: 'cancelled' }
  | { kind: 'error'; text: string };

/** "Check the bundle": running, its report, or why it could not run (e.g. the vault was locked since). */
type Check = { kind: 'running' } | { kind: 'report'; report: BundleCheck } | { kind: 'error'; text: string };

interface Props {
  caseId: string;
  def: Definition;
  defaultName: string;
  /** Field errors of the definition (VALIDATION from the service), to show beside the fields. */
  onDefinitionErrors(fields: Record<string, string>): void;
  /** Client-side check before asking for a path; returns false when fields need fixing. */
  validate(): boolean;
}

function fileName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** "Build bundle…": the save dialog, then the export with a progress bar and Cancel. */
export function BuildPanel({ caseId, def, defaultName, onDefinitionErrors, validate }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const jobRef = useRef<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [openError, setOpenError] = useState<string | null>(null);

  useEffect(
    () =>
      onEvent('job.progress', (p) => {
        if (p.kind !== 'bundle' || p.jobId !== jobRef.current) return;
        setState((s) => (s.kind === 'running' && s.jobId === p.jobId ? { ...s, done: p.done, total: p.total, label: p.label } : s));
      }),
    [],
  );

  const build = async () => {
    if (!validate()) return setState({ kind: 'error', text: t('bundles.fixFields') });
    setState({ kind: 'idle' });
    setOpenError(null);
    const picked = await callResult('dialog.saveFile', { purpose: 'export-bundle', defaultName });
    if (!picked.ok) return setState({ kind: 'error', text: errorText(t, picked.error) });
    // The main process keeps the path (and adds ".pdf" if the name lacks it); the page holds a token.
    const target = picked.value.file?.token;
    if (!target) return;
    const jobId = crypto.randomUUID();
    jobRef.current = jobId;
    setState({ kind: 'running', jobId, done: 0, total: 0 });
    const r = await callResult('bundles.export', { caseId, definition: def, target, jobId });
    jobRef.current = null;
    if (r.ok) return setState({ kind: 'done', result: r.value });
    if (r.error.code === 'CANCELLED') return setState({ kind: 'cancelled' });
    if (r.error.code === 'VALIDATION' && r.error.fields) {
      onDefinitionErrors(Object.fromEntries(Object.entries(r.error.fields).map(([k, v]) => [k.replace(/^definition\./, ''), v])));
    }
    // The service's message names the document that stopped the build; the generic wording would hide it.
    setState({ kind: 'error', text: r.error.message || errorText(t, r.error) });
  };

  useEffect(() => {
    if (state.kind === 'running') cancelRef.current?.focus();
  }, [state.kind]);

  const cancel = async () => {
    if (state.kind !== 'running') return;
    await call('bundles.cancel', { jobId: state.jobId }).catch(() => undefined);
  };

  const openOutput = async (outputId: string, action: 'open' | 'reveal') => {
    setOpenError(null);
    const r = await callResult('bundles.openOutput', { outputId, action });
    if (!r.ok) setOpenError(outputError(r.error));
  };

  // An id the main process no longer knows (the vault was locked since the build) has its own wording.
  const outputError = (e: Parameters<typeof errorText>[1]) =>
    e.code === 'NOT_FOUND' ? t('bundles.build.outputForgotten') : e.code === 'IO_ERROR' ? t('bundles.build.openFailed', { reason: e.message }) : errorText(t, e);

  const setCheck = (outputId: string, c: Check) =>
    setState((s) => (s.kind === 'done' && s.result.outputId === outputId ? { ...s, check: c } : s));

  const check = async (outputId: string) => {
    setCheck(outputId, { kind: 'running' });
    const r = await callResult('bundles.verifyOutput', { outputId });
    setCheck(outputId, r.ok ? { kind: 'report', report: r.value } : { kind: 'error', text: outputError(r.error) });
  };

  const pct = state.kind === 'running' && state.total > 0 ? Math.round((state.done / state.total) * 100) : null;

  return (
    <div className="bundle-build" data-testid="bundle-build">
      <button type="button" className="button-primary" onClick={() => void build()} disabled={state.kind === 'running'}>
        {t('bundles.build.button')}
      </button>
      {state.kind === 'running' ? (
        <div className="bundle-progress" role="status">
          <progress max={state.total || 1} value={state.total ? state.done : undefined} aria-label={t('bundles.build.progress')} data-testid="bundle-progress" />
          <span>{pct === null ? t('bundles.build.starting') : t('bundles.build.percent', { pct })}</span>
          <button type="button" className="button-quiet" ref={cancelRef} onClick={() => void cancel()}>
            {t('bundles.build.cancel')}
          </button>
        </div>
      ) : null}
      {state.kind === 'done' ? (
        <div className="notice notice-info" role="status" data-testid="bundle-done">
          <p>{t('bundles.build.done', { count: state.result.totalPages })}</p>
          <ul className="bundle-files">
            {state.result.files.map((f) => (
              <li key={f.path}>
                <span className="mono">{fileName(f.path)}</span> — {t('bundles.build.filePages', { count: f.pages, volume: f.volume })}
              </li>
            ))}
            <li>
              <span className="mono">{fileName(state.result.manifestPath)}</span> — {t('bundles.build.manifest')}
            </li>
          </ul>
          {state.result.notices.map((n, i) => (
            <p key={noticeKey(n, i)} className="field-hint" data-testid="bundle-notice">
              {noticeText(t, n)}
            </p>
          ))}
          <div className="actions bundle-output-actions">
            <button type="button" className="button-quiet" onClick={() => void openOutput(state.result.outputId, 'open')}>
              {t('bundles.build.open')}
            </button>
            <button type="button" className="button-quiet" onClick={() => void openOutput(state.result.outputId, 'reveal')}>
              {t('bundles.build.reveal')}
            </button>
            <button type="button" className="button-quiet" onClick={() => void check(state.result.outputId)} disabled={state.check?.kind === 'running'}>
              {state.check?.kind === 'running' ? t('bundles.build.checking') : t('bundles.build.check')}
            </button>
          </div>
          {openError ? (
            <p className="field-error" role="alert">
              {openError}
            </p>
          ) : null}
          {state.check ? <CheckResult check={state.check} /> : null}
          <button type="button" className="button-link bundle-dismiss" onClick={() => setState({ kind: 'idle' })}>
            {t('bundles.build.dismiss')}
          </button>
        </div>
      ) : null}
      {state.kind === 'cancelled' ? (
        <div className="notice notice-info" role="status">
          <p>{t('bundles.build.cancelled')}</p>
          <button type="button" className="button-link bundle-dismiss" onClick={() => setState({ kind: 'idle' })}>
            {t('bundles.build.dismiss')}
          </button>
        </div>
      ) : null}
      {state.kind === 'error' ? (
        <div className="notice notice-error" role="alert" data-testid="bundle-error">
          <p>
            <strong>{t('bundles.build.failed')}</strong> {state.text}
          </p>
          <button type="button" className="button-link bundle-dismiss" onClick={() => setState({ kind: 'idle' })}>
            {t('bundles.build.dismiss')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The report of "Check the bundle": one line for the manifest, one per volume, in the UI language. */
function CheckResult({ check }: { check: Check }) {
  const { t } = useTranslation();
  if (check.kind === 'running') return null;
  if (check.kind === 'error') {
    return (
      <p className="field-error" role="alert" data-testid="bundle-check">
        {check.text}
      </p>
    );
  }
  const r = check.report;
  return (
    <div data-testid="bundle-check" data-ok={r.ok}>
      <p>
        <strong>{r.ok ? t('bundles.build.checkOk') : t('bundles.build.checkFailed')}</strong>
      </p>
      <ul className="bundle-files">
        <li>{t(`bundles.build.manifest_${r.manifest.state}`, { name: r.manifest.name })}</li>
        {r.files.map((f) => (
          <li key={f.name}>{t(`bundles.build.file_${f.state}`, { name: f.name })}</li>
        ))}
      </ul>
    </div>
  );
}
