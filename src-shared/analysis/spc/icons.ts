import type { Assurance, ImprovementDirection, PointType } from './xmr';

/**
 * Making Data Count's two icons in words, letters and colours: the variation
 * icon (the latest point's type, read with the improvement direction) and
 * the assurance icon (where the target sits against the process limits).
 * The chart draws them; the summary table shows them beside their words.
 */

/** Making Data Count's colours (../shared/DOMAIN.md). */
export const SPC_COLOURS: Record<PointType, string> = {
  common_cause: '#A6A6A6',
  special_cause_improvement: '#00B0F0',
  special_cause_concern: '#E46C0A',
  special_cause_neutral_high: '#490092',
  special_cause_neutral_low: '#490092',
};

const ASSURANCE_COLOURS: Record<Assurance, string> = { consistent_pass: '#00B0F0', consistent_fail: '#E46C0A', inconsistent: '#A6A6A6' };

export interface MdcIcon {
  letter: string;
  label: string;
  colour: string;
}

export function variationIcon(type: PointType, improvement: ImprovementDirection): MdcIcon {
  const up = improvement === 'increase';
  const colour = SPC_COLOURS[type];
  switch (type) {
    case 'common_cause':
      return { letter: '~', label: 'Common cause variation', colour };
    case 'special_cause_improvement':
      return { letter: up ? 'H' : 'L', label: `Improvement (${up ? 'high' : 'low'})`, colour };
    case 'special_cause_concern':
      return { letter: up ? 'L' : 'H', label: `Concern (${up ? 'low' : 'high'})`, colour };
    case 'special_cause_neutral_high':
      return { letter: 'H', label: 'Special cause (high)', colour };
    case 'special_cause_neutral_low':
      return { letter: 'L', label: 'Special cause (low)', colour };
  }
}

const ASSURANCE_WORDS: Record<Assurance, { letter: string; label: string }> = {
  consistent_pass: { letter: 'P', label: 'Consistently passes the target' },
  consistent_fail: { letter: 'F', label: 'Consistently fails the target' },
  inconsistent: { letter: '?', label: 'Hits and misses the target' },
};

export function assuranceIcon(assurance: Assurance): MdcIcon {
  return { ...ASSURANCE_WORDS[assurance], colour: ASSURANCE_COLOURS[assurance] };
}

const POINT_TYPES: PointType[] = [
  'common_cause',
  'special_cause_improvement',
  'special_cause_concern',
  'special_cause_neutral_high',
  'special_cause_neutral_low',
];
const DIRECTIONS: ImprovementDirection[] = ['increase', 'decrease', 'neutral'];

/** The icon whose words are `label` (as the summary table holds them), if any. */
export function mdcIconForLabel(label: string): MdcIcon | undefined {
  for (const type of POINT_TYPES)
    for (const direction of DIRECTIONS) {
      const icon = variationIcon(type, direction);
      if (icon.label === label) return icon;
    }
  return (Object.keys(ASSURANCE_WORDS) as Assurance[]).map(assuranceIcon).find((i) => i.label === label);
}

/** A direction from the words a spreadsheet might hold: increase/higher/up, decrease/lower/down, neutral. */
export function readDirection(value: string | null): ImprovementDirection | null {
  const v = value?.trim().toLowerCase() ?? '';
  if (/^(increase|higher|high|up|higher is better|increasing)$/.test(v)) return 'increase';
  if (/^(decrease|lower|low|down|lower is better|decreasing)$/.test(v)) return 'decrease';
  if (/^(neutral|neither|none|n\/a)$/.test(v)) return 'neutral';
  return null;
}
