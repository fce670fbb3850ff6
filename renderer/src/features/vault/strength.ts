import { useDeferredValue, useEffect, useState } from 'react';

export type Score = 0 | 1 | 2 | 3 | 4;
/** Below this the create and recover forms ask the user to confirm the weak passphrase. */
export const MIN_GOOD_SCORE: Score = 3;

type Scorer = (p: string) => Score;
let engine: Promise<Scorer> | null = null;

/** The dictionaries are about a megabyte: loaded only when a passphrase is first typed. */
function loadEngine(): Promise<Scorer> {
  engine ??= import('./strength-engine').then((m) => m.scorePassphrase);
  return engine;
}

/** null while the estimator loads or when the field is empty. */
export function useStrength(passphrase: string): Score | null {
  const deferred = useDeferredValue(passphrase);
  const [result, setResult] = useState<{ for: string; score: Score } | null>(null);
  useEffect(() => {
    if (!deferred) return;
    let live = true;
    void loadEngine().then((score) => {
      if (live) setResult({ for: deferred, score: score(deferred) });
    });
    return () => {
      live = false;
    };
  }, [deferred]);
  if (!passphrase || !result || result.for !== deferred) return null;
  return result.score;
}
