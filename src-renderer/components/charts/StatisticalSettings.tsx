import type { ChartSpecInput } from '../../../src-shared/charts/chart-spec';

type Change = (edit: (spec: ChartSpecInput) => ChartSpecInput) => void;

/** A number box that is empty for "not set". */
function optionalNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Settings of the statistical chart types: an SPC chart's improvement
 * direction, target and rebase dates; a funnel plot's statistic and scale.
 * Shown only for those types; each edit is one undoable spec change.
 */
export function StatisticalSettings({ spec, change }: { spec: ChartSpecInput; change: Change }) {
  if (spec.type === 'spc') {
    const spc = spec.spc ?? {};
    const set = (patch: Partial<NonNullable<ChartSpecInput['spc']>>) => change((s) => ({ ...s, spc: { ...(s.spc ?? {}), ...patch } }));
    return (
      <fieldset className="plain-fieldset" data-testid="spc-settings">
        <legend className="field-label">SPC (Making Data Count)</legend>
        <p className="muted">One value per period: x is the period, the measure the value. Points are read in time order.</p>
        <label className="field">
          <span className="field-label">Better when the value is</span>
          <select
            value={spc.improvement ?? 'increase'}
            onChange={(e) => set({ improvement: e.target.value as 'increase' | 'decrease' | 'neutral' })}
            data-testid="spc-improvement"
          >
            <option value="increase">Higher</option>
            <option value="decrease">Lower</option>
            <option value="neutral">Neither (no good or bad)</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Target (for the assurance icon)</span>
          <input
            type="number"
            value={spc.target ?? ''}
            placeholder="none"
            onChange={(e) => set({ target: optionalNumber(e.target.value) })}
            data-testid="spc-target"
          />
        </label>
        <label className="field">
          <span className="field-label">Rebase at (dates, comma separated)</span>
          <input
            value={(spc.rebase ?? []).join(', ')}
            placeholder="e.g. 2020-04-01"
            onChange={(e) =>
              set({
                rebase: e.target.value
                  .split(',')
                  .map((d) => d.trim())
                  .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)),
              })
            }
            data-testid="spc-rebase"
          />
        </label>
      </fieldset>
    );
  }
  if (spec.type === 'funnel') {
    const funnel = spec.funnel ?? {};
    const set = (patch: Partial<NonNullable<ChartSpecInput['funnel']>>) => change((s) => ({ ...s, funnel: { ...(s.funnel ?? {}), ...patch } }));
    const statistic = funnel.statistic ?? 'proportion';
    return (
      <fieldset className="plain-fieldset" data-testid="funnel-settings">
        <legend className="field-label">Funnel plot</legend>
        <p className="muted">One point per x category: the first value is the numerator, the second the denominator (observed, then expected, for a ratio).</p>
        <label className="field">
          <span className="field-label">Statistic</span>
          <select value={statistic} onChange={(e) => set({ statistic: e.target.value as 'proportion' | 'ratio' | 'rate' })} data-testid="funnel-statistic">
            <option value="proportion">Proportion</option>
            <option value="ratio">Ratio (observed ÷ expected)</option>
            <option value="rate">Rate (events per population)</option>
          </select>
        </label>
        {statistic !== 'ratio' ? (
          <label className="field">
            <span className="field-label">Per</span>
            <input
              type="number"
              min={1}
              value={funnel.multiplier ?? ''}
              placeholder={statistic === 'rate' ? '100000' : '100'}
              onChange={(e) => set({ multiplier: optionalNumber(e.target.value) })}
              data-testid="funnel-multiplier"
            />
          </label>
        ) : (
          <label className="field">
            <span className="field-label">Show the ratio as</span>
            <select value={funnel.ratioType ?? 'ratio'} onChange={(e) => set({ ratioType: e.target.value as 'ratio' | 'count' | 'isr' })}>
              <option value="ratio">Observed ÷ expected</option>
              <option value="isr">Times 100</option>
              <option value="count">Minus 1</option>
            </select>
          </label>
        )}
      </fieldset>
    );
  }
  return null;
}
