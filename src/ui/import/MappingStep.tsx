// Step 2: the mapping dialog. Each CSV column with its detected role, a few values and a select to
// override; the label column; the dataset's name, image size and seed. Folder datasets show their
// classes instead of columns.
import { COLUMN_ROLES, mappingProblems, ROLE_TITLES } from '../../train/protocol.ts';
import type { ColumnRole, ColumnSummary, CsvInspection, FolderInspection, ImportMapping } from '../../train/protocol.ts';
import { backToPick, closeImport, runImport, setRole, updateMapping } from './importActions.ts';
import { useImportFlow } from './importStore.ts';
import { formatBytes, formatCount, plural } from './format.ts';

const SIZES = [16, 28, 32, 48, 64, 96, 128] as const;

function RoleChip({ role }: { role: ColumnRole }) {
  return <span className={`import-role is-${role}`}>{ROLE_TITLES[role].replace(/ \(.*\)$/, '')}</span>;
}

function ColumnRow({ column, role }: { column: ColumnSummary; role: ColumnRole }) {
  const changed = role !== column.detected;
  return (
    <tr className={changed ? 'is-changed' : undefined} data-testid={`import.row.${column.name}`}>
      <th scope="row" className="import-col-name" title={column.name}>
        {column.name}
      </th>
      <td>
        <div className="import-detected">
          <RoleChip role={column.detected} />
          <span className="muted small">{column.why}</span>
        </div>
      </td>
      <td className="import-samples">
        {column.samples.map((v, i) => (
          <span key={i} className="import-sample" title={v}>
            {v}
          </span>
        ))}
        {column.missing > 0 && <span className="import-missing">{plural(column.missing, 'missing value')}</span>}
      </td>
      <td>
        <select
          className="import-select"
          value={role}
          onChange={(e) => setRole(column.name, e.target.value as ColumnRole)}
          aria-label={`Use column ${column.name} as`}
          data-testid={`import.column.${column.name}`}
        >
          {COLUMN_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_TITLES[r]}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}

function CsvColumns({ inspection, mapping }: { inspection: CsvInspection; mapping: ImportMapping }) {
  const roleOf = (c: ColumnSummary): ColumnRole => mapping.roles[c.name] ?? c.detected;
  const label = inspection.columns.find((c) => roleOf(c) === 'label')?.name ?? '';
  return (
    <>
      <div className="import-fields">
        <label className="import-field">
          <span>Label column</span>
          <select value={label} onChange={(e) => setRole(e.target.value, 'label')} data-testid="import.label" aria-label="Label column">
            {label === '' && <option value="">Choose…</option>}
            {inspection.columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="import-table-wrap">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Detected</th>
              <th scope="col">Sample values</th>
              <th scope="col">Use as</th>
            </tr>
          </thead>
          <tbody>
            {inspection.columns.map((c) => (
              <ColumnRow key={c.name} column={c} role={roleOf(c)} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function FolderClasses({ inspection }: { inspection: FolderInspection }) {
  const max = Math.max(1, ...inspection.classes.map((c) => c.count));
  return (
    <div className="import-table-wrap">
      <table className="import-table import-classes" data-testid="import.classes">
        <thead>
          <tr>
            <th scope="col">Class (subfolder)</th>
            <th scope="col">Files</th>
            <th scope="col" className="import-bar-col">
              Balance
            </th>
          </tr>
        </thead>
        <tbody>
          {inspection.classes.map((c) => (
            <tr key={c.name}>
              <th scope="row" className="import-col-name">
                {c.name}
              </th>
              <td className="num">{formatCount(c.count)}</td>
              <td className="import-bar-col">
                <span className="import-bar" style={{ width: `${(c.count / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Options({ mapping, showImage }: { mapping: ImportMapping; showImage: boolean }) {
  const size = mapping.imageSize === 'auto' ? 'auto' : String(mapping.imageSize.height);
  return (
    <div className="import-fields">
      <label className="import-field is-wide">
        <span>Dataset name</span>
        <input value={mapping.title} onChange={(e) => updateMapping({ title: e.target.value })} data-testid="import.title" spellCheck={false} />
      </label>
      {showImage && (
        <>
          <label className="import-field">
            <span>Image size</span>
            <select
              value={size}
              onChange={(e) => updateMapping({ imageSize: e.target.value === 'auto' ? 'auto' : { height: Number(e.target.value), width: Number(e.target.value) } })}
              data-testid="import.imageSize"
            >
              <option value="auto">Most common (≤ 64 px)</option>
              {SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}×{s}
                </option>
              ))}
            </select>
          </label>
          <label className="import-field">
            <span>Colour</span>
            <select
              value={String(mapping.imageChannels)}
              onChange={(e) => updateMapping({ imageChannels: e.target.value === 'auto' ? 'auto' : e.target.value === '1' ? 1 : 3 })}
              data-testid="import.imageChannels"
            >
              <option value="auto">As the files</option>
              <option value="1">Greyscale</option>
              <option value="3">Colour (RGB)</option>
            </select>
          </label>
        </>
      )}
      <label className="import-field is-narrow">
        <span>Split seed</span>
        <input
          type="number"
          min={0}
          step={1}
          value={mapping.seed}
          onChange={(e) => updateMapping({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
          data-testid="import.seed"
        />
      </label>
    </div>
  );
}

export function MappingStep() {
  const flow = useImportFlow((f) => (f.step === 'mapping' ? f : null));
  if (flow === null) return null;
  const { inspection, mapping } = flow;
  const problems = mappingProblems(inspection, mapping);
  const showImage =
    inspection.kind === 'folder' ? inspection.fileKind === 'image' : inspection.columns.some((c) => (mapping.roles[c.name] ?? c.detected) === 'image');
  return (
    <div className="import-mapping" data-testid="import.mapping">
      <header className="import-head">
        <h2 id="import-title">{inspection.kind === 'csv' ? `Map the columns of ${inspection.fileName}` : `Folder dataset: ${inspection.name}`}</h2>
        <p className="muted">
          {inspection.kind === 'csv' ? (
            <>
              {inspection.examinedAll ? `All ${formatCount(inspection.rowsExamined)} rows examined` : `The first ${formatCount(inspection.rowsExamined)} rows examined`} ·{' '}
              {inspection.delimiter}-separated · {formatBytes(inspection.bytes)}
              {inspection.files !== null &&
                ` · ${inspection.files.kind === 'zip' ? 'zip' : 'folder'} ${inspection.files.name}: ${plural(inspection.files.images, 'image')}, ${plural(inspection.files.audio, 'audio file')}`}
            </>
          ) : (
            <>
              {plural(inspection.classes.length, 'class', 'classes')} · {inspection.fileKind === 'image' ? 'images' : 'WAV audio'} · {formatBytes(inspection.bytes)}
              {inspection.problems > 0 && ` · ${plural(inspection.problems, 'file')} will be rejected (listed in the report)`}
            </>
          )}
        </p>
      </header>
      {inspection.notes.length > 0 && (
        <ul className="import-notes" data-testid="import.notes">
          {inspection.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {inspection.kind === 'csv' ? <CsvColumns inspection={inspection} mapping={mapping} /> : <FolderClasses inspection={inspection} />}
      <Options mapping={mapping} showImage={showImage} />
      {problems.length > 0 && (
        <ul className="import-problems" data-testid="import.problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {flow.error !== null && (
        <p className="import-error" role="alert" data-testid="import.error">
          {flow.error}
        </p>
      )}
      <footer className="import-foot">
        <span className="muted small">Rows that cannot be used are listed with their line and reason after the import.</span>
        <button type="button" className="btn" onClick={backToPick} data-testid="import.back">
          Back
        </button>
        <button type="button" className="btn" onClick={closeImport}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={problems.length > 0} onClick={runImport} data-testid="import.run">
          Import
        </button>
      </footer>
    </div>
  );
}
