import { useId, useState } from 'react';
import { PACK_FORMATS, type PackFormat } from '../../../src-shared/export/board-pack/pack-formats';
import { exportReport } from '../../export/export-report';
import { useWorkbench } from '../../state/store';

const STANDARD_MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'];

const BUTTONS: Record<PackFormat, { label: string; hint: string }> = {
  pptx: { label: 'PowerPoint', hint: 'Editable slides: one per report item, native charts with their data' },
  pdf: { label: 'PDF', hint: 'Print-ready A4 landscape pages with vector charts' },
  html: { label: 'Web page', hint: 'One self-contained HTML file: charts and data inside, nothing fetched' },
};

/**
 * The report page's export bar: what every exported page carries (marking,
 * organisation, disclosure control — saved with the workbook) and one button
 * per board-pack format. Writing happens in the session; this only
 * dispatches.
 */
export function ExportReportBar() {
  const report = useWorkbench((s) => s.report);
  const busy = useWorkbench((s) => s.packExport);
  const setPackSettings = useWorkbench((s) => s.setPackSettings);
  const empty = report.items.length === 0;
  const marking = report.marking ?? '';
  const [custom, setCustom] = useState(marking !== '' && !STANDARD_MARKINGS.includes(marking));
  const id = useId();
  const markingChoice = custom ? 'other' : marking;

  return (
    <div className="pack-bar" role="group" aria-label="Export report" data-testid="export-report">
      <label htmlFor={`${id}-marking`}>Marking</label>
      <select
        id={`${id}-marking`}
        value={markingChoice}
        onChange={(e) => {
          const value = e.target.value;
          setCustom(value === 'other');
          if (value !== 'other') setPackSettings({ marking: value });
        }}
      >
        <option value="">None</option>
        {STANDARD_MARKINGS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
        <option value="other">Other…</option>
      </select>
      {custom && (
        <input
          aria-label="Marking text"
          value={marking}
          maxLength={80}
          onChange={(e) => setPackSettings({ marking: e.target.value })}
          placeholder="e.g. OFFICIAL: for board members only"
        />
      )}
      <label htmlFor={`${id}-org`}>Organisation</label>
      <input
        id={`${id}-org`}
        value={report.organisation ?? ''}
        maxLength={160}
        onChange={(e) => setPackSettings({ organisation: e.target.value })}
        placeholder="e.g. NHS Somerset ICB"
      />
      <label htmlFor={`${id}-disclosure`}>Disclosure control</label>
      <select
        id={`${id}-disclosure`}
        value={typeof report.disclosure === 'object' ? 'custom' : (report.disclosure ?? 'none')}
        onChange={(e) => {
          if (e.target.value === 'nhs' || e.target.value === 'none') setPackSettings({ disclosure: e.target.value });
        }}
        title="NHS Digital's rule: counts of 1 to 7 shown as *, other counts rounded to the nearest 5, in the PowerPoint, PDF and web page. The screen is unchanged."
      >
        <option value="none">None</option>
        <option value="nhs">NHS rule (1–7 as *, nearest 5)</option>
        {typeof report.disclosure === 'object' && (
          <option value="custom">
            1–{report.disclosure.suppressUpTo} as *, nearest {report.disclosure.roundTo} (set in the workbook)
          </option>
        )}
      </select>
      <span className="pack-buttons">
        Export as
        {PACK_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            disabled={empty || busy !== null}
            title={empty ? 'Add charts, views or text to the report first' : BUTTONS[format].hint}
            onClick={() => void exportReport(format)}
            data-testid={`export-${format}`}
          >
            {BUTTONS[format].label}
          </button>
        ))}
      </span>
      {busy && (
        <span role="status" className="muted">
          Writing the {BUTTONS[busy.format].label} file…
        </span>
      )}
    </div>
  );
}
