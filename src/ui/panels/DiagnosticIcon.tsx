import type { Severity } from '../../graph/index.ts';

/** A small round severity icon with an accessible name. */
export function DiagnosticIcon({ severity }: { severity: Severity }) {
  return (
    <span className={`diag-icon is-${severity}`} role="img" aria-label={severity === 'error' ? 'Error' : 'Warning'}>
      {severity === 'error' ? '!' : '?'}
    </span>
  );
}
