import { useCallback, useDeferredValue, useEffect, useState } from 'react';

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

export interface Strength {
  /** null while the estimator loads or when the field is empty. */
  score: Score | null;
  /**
   * The score of this passphrase, waiting for the estimator if it is still loading. A submit must use this:
   * on a slow or busy laptop the dictionaries can still be loading when the user presses the button, and a
   * form that then did nothing (as it once did) leaves the user on the same screen with no word why.
   */
  scoreNow: (passphrase: string) => Promise<Score>;
}

export function useStrength(passphrase: string): Strength {
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
  const scoreNow = useCallback(async (p: string) => {
    const score = (await loadEngine())(p);
    setResult({ for: p, score });
    return score;
  }, []);
  const score = !passphrase || !result || result.for !== passphrase ? null : result.score;
  return { score, scoreNow };
}
