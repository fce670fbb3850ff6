import type { ReactNode } from 'react';

/** Errors are announced (role=alert); information and warnings are not, to avoid chatter. */
export function Notice({ kind, children, testId }: { kind: 'error' | 'warning' | 'info'; children: ReactNode; testId?: string }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : undefined} data-testid={testId}>
      {children}
    </div>
  );
}
