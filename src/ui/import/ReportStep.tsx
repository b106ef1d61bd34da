// Step 4: the import report. Counts kept and rejected, every rejected row with its line and reason
// (scrollable, downloadable as CSV), filled values, how the data was prepared, class balance, and
// a preview of the new dataset.
import { formatRejection } from '../../train/protocol.ts';
import type { DatasetInfo, ImportReport } from '../../train/protocol.ts';
import { closeImport } from './importActions.ts';
import { useImportFlow } from './importStore.ts';
import { formatCount, plural } from './format.ts';
import { PreviewStrip } from './PreviewStrip.tsx';
import { downloadText, formatNumber, reportToCsv } from './reportCsv.ts';

/** Rows drawn in the list; the download has them all. */
const SHOWN_REJECTIONS = 500;

function Stat({ label, value, tone, testId }: { label: string; value: number; tone?: 'ok' | 'error' | 'warning'; testId: string }) {
  return (
    <div className={`import-stat${tone === undefined ? '' : ` is-${tone}`}`} data-testid={testId}>
      <span className="import-stat-value">{formatCount(value)}</span>
      <span className="import-stat-label">{label}</span>
    </div>
  );
}

function Rejections({ report }: { report: ImportReport }) {
  if (report.rejected.length === 0) return <p className="text-ok">No row was rejected.</p>;
  const shown = report.rejected.slice(0, SHOWN_REJECTIONS);
  return (
    <>
      <ol className={`import-rejected${report.kind === 'folder' ? ' is-files' : ''}`} data-testid="import.rejected" aria-label={report.kind === 'csv' ? 'Rejected rows' : 'Rejected files'}>
        {shown.map((r, i) => {
          const where = r.line !== null ? `line ${r.line}` : (r.file ?? '');
          return (
            <li key={i} data-testid="import.rejected.item" title={formatRejection(r)}>
              <span className="import-where">{where}</span>
              <span className="import-sep">: </span>
              <span>{r.reason}</span>
            </li>
          );
        })}
      </ol>
      {report.rejected.length > shown.length && (
        <p className="muted small">…and {formatCount(report.rejected.length - shown.length)} more: download the report for the full list.</p>
      )}
    </>
  );
}

function ClassBalance({ info }: { info: DatasetInfo }) {
  const totals = info.classes.map((_, k) => (info.classCounts.train[k] ?? 0) + (info.classCounts.validation[k] ?? 0) + (info.classCounts.test[k] ?? 0));
  const max = Math.max(1, ...totals);
  return (
    <table className="import-table import-balance" data-testid="import.balance">
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col" className="num">
            Train
          </th>
          <th scope="col" className="num">
            Validation
          </th>
          <th scope="col" className="num">
            Test
          </th>
          <th scope="col" className="import-bar-col">
            Balance
          </th>
        </tr>
      </thead>
      <tbody>
        {info.classes.map((c, k) => (
          <tr key={c}>
            <th scope="row" className="import-col-name">
              {c}
            </th>
            <td className="num">{formatCount(info.classCounts.train[k] ?? 0)}</td>
            <td className="num">{formatCount(info.classCounts.validation[k] ?? 0)}</td>
            <td className="num">{formatCount(info.classCounts.test[k] ?? 0)}</td>
            <td className="import-bar-col">
              <span className="import-bar" style={{ width: `${((totals[k] ?? 0) / max) * 100}%` }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReportStep() {
  const flow = useImportFlow((f) => (f.step === 'report' ? f : null));
  if (flow === null) return null;
  const { report, info, preview } = flow;
  const filledCount = report.filled.reduce((n, f) => n + f.count, 0);
  const download = () => downloadText(reportToCsv(report), `${info.id.replace(/^user\./, '')}-import-report.csv`);
  return (
    <div className="import-report" data-testid="import.report">
      <header className="import-head">
        <h2 id="import-title">Imported “{report.title}”</h2>
        <p className="muted">
          From {report.source} in {(report.milliseconds / 1000).toFixed(1)} s · dataset id <code>{report.datasetId}</code> · now selected for training.
        </p>
      </header>
      <div className="import-stats">
        <Stat label={report.kind === 'csv' ? 'rows read' : 'files read'} value={report.read} testId="import.report.read" />
        <Stat label="kept" value={report.kept} tone="ok" testId="import.report.kept" />
        <Stat label="rejected" value={report.rejected.length} {...(report.rejected.length > 0 ? { tone: 'error' as const } : {})} testId="import.report.rejected" />
        {report.kind === 'csv' ? (
          <Stat label="values filled" value={filledCount} {...(filledCount > 0 ? { tone: 'warning' as const } : {})} testId="import.report.filled" />
        ) : (
          <Stat label="classes" value={info.classes.length} testId="import.report.classes" />
        )}
      </div>
      <div className="import-report-body">
        <section>
          <h3>Rejected {report.kind === 'csv' ? 'rows' : 'files'}</h3>
          <Rejections report={report} />
        </section>
        {report.filled.length > 0 && (
          <section>
            <h3>Filled (kept, not rejected)</h3>
            <ul className="import-list" data-testid="import.filled">
              {report.filled.map((f) => (
                <li key={f.column}>
                  <strong>{f.column}</strong>: {plural(f.count, 'missing value')} filled with the training mean {formatNumber(f.value)} (line
                  {f.lines.length === 1 ? '' : 's'} {f.lines.slice(0, 12).join(', ')}
                  {f.lines.length > 12 ? ', …' : ''})
                </li>
              ))}
            </ul>
          </section>
        )}
        {report.missingModality.length > 0 && (
          <section>
            <h3>Kept without a modality</h3>
            <ul className="import-list">
              {report.missingModality.map((m) => (
                <li key={m.modality}>
                  <strong>{m.modality}</strong>: {plural(m.count, 'sample')} had no value; the model sees them as missing (mask 0).
                </li>
              ))}
            </ul>
          </section>
        )}
        <section>
          <h3>Preview</h3>
          <PreviewStrip preview={preview} />
        </section>
        <section>
          <h3>Classes and splits</h3>
          <p className="muted small">Split {info.splitNote}.</p>
          <ClassBalance info={info} />
        </section>
        <section>
          <h3>How the data was prepared</h3>
          <ul className="import-list" data-testid="import.notes">
            {report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <p className="muted small">These settings are kept with the dataset so training and export repeat them exactly.</p>
        </section>
      </div>
      <footer className="import-foot">
        <span />
        <button type="button" className="btn" onClick={download} data-testid="import.download">
          Download report (CSV)
        </button>
        <button type="button" className="btn btn-primary" onClick={closeImport} data-testid="import.close">
          Done
        </button>
      </footer>
    </div>
  );
}
