// The import dialog: pick files → map columns → progress → report. One step component per step.
import { useEffect } from 'react';
import { closeImport } from './importActions.ts';
import { useImportFlow } from './importStore.ts';
import { MappingStep } from './MappingStep.tsx';
import { PickStep } from './PickStep.tsx';
import { ProgressStep } from './ProgressStep.tsx';
import { ReportStep } from './ReportStep.tsx';
import './import.css';

export function ImportDialog() {
  const step = useImportFlow((f) => f.step);
  const open = step !== 'closed';

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeImport();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!open) return null;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && step !== 'importing' && closeImport()}>
      <div className="modal import-modal" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import.dialog" data-step={step}>
        {step === 'pick' && <PickStep />}
        {step === 'mapping' && <MappingStep />}
        {step === 'importing' && <ProgressStep />}
        {step === 'report' && <ReportStep />}
      </div>
    </div>
  );
}
