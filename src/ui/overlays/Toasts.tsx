// Short-lived messages at the bottom of the canvas. Errors use role="alert".
import { memo, useEffect } from 'react';
import { selectToasts } from '../../store/index.ts';
import type { Toast } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import './overlays.css';

const LIFETIME_MS: Record<Toast['kind'], number> = { error: 8000, info: 4000, success: 3500 };

const ToastView = memo(function ToastView({ toast }: { toast: Toast }) {
  useEffect(() => {
    const timer = setTimeout(() => actions().dismissToast(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.kind]);
  return (
    <div className={`toast is-${toast.kind}`} data-testid="toast">
      <span className="toast-message" role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast.message">
        {toast.message}
      </span>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => actions().dismissToast(toast.id)}>
        ×
      </button>
    </div>
  );
});

export function Toasts() {
  const toasts = useAppStore(selectToasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastView key={t.id} toast={t} />
      ))}
    </div>
  );
}
