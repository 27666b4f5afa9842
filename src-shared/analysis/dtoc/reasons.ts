/**
 * DTOC categories: reasons for delay (A–I), the responsible agency and the
 * acute / non-acute setting. Extract values vary (`A_COMPLETION_ASSESSMENT`,
 * `DI_RESIDENTIAL_HOME`, `D(ii) Awaiting nursing home placement`,
 * `Completion of assessment`); each classifier maps a raw value to one
 * canonical category, or keeps the raw value when it recognises nothing.
 */

export interface DelayReason {
  code: string;
  label: string;
}

export const DELAY_REASONS: readonly DelayReason[] = [
  { code: 'A', label: 'Completion of assessment' },
  { code: 'B', label: 'Public funding' },
  { code: 'C', label: 'Further non-acute NHS care' },
  { code: 'Di', label: 'Residential home placement' },
  { code: 'Dii', label: 'Nursing home placement' },
  { code: 'E', label: 'Care package in own home' },
  { code: 'F', label: 'Community equipment and adaptations' },
  { code: 'G', label: 'Patient or family choice' },
  { code: 'H', label: 'Disputes' },
  { code: 'I', label: 'Housing' },
  { code: 'O', label: 'Other' },
];

export const NOT_STATED = 'Not stated';

const BY_CODE = new Map(DELAY_REASONS.map((r) => [r.code.toUpperCase(), r]));

/** Order of a reason code in the A–I list (unknown codes sort last). */
export function reasonOrder(code: string): number {
  const i = DELAY_REASONS.findIndex((r) => r.code === code);
  return i < 0 ? DELAY_REASONS.length + 1 : i;
}

export function reasonLabel(code: string): string {
  return BY_CODE.get(code.toUpperCase())?.label ?? code;
}

function words(raw: string): string[] {
  return raw
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

const KEYWORDS: [RegExp, string][] = [
  [/\bASSESS/, 'A'],
  [/\bFUNDING\b/, 'B'],
  [/\bNON ACUTE\b|\bFURTHER\b/, 'C'],
  [/\bRESIDENTIAL\b/, 'Di'],
  [/\bNURSING\b/, 'Dii'],
  [/\bPACKAGE\b|\bOWN HOME\b|\bDOMICILIARY\b/, 'E'],
  [/\bEQUIP|\bADAPT/, 'F'],
  [/\bCHOICE\b/, 'G'],
  [/\bDISPUTE/, 'H'],
  [/\bHOUSING\b/, 'I'],
  [/\bOTHER\b/, 'O'],
];

/** The reason for delay of an extract value; unrecognised values keep their own text as code and label. */
export function classifyReason(raw: string | null | undefined): DelayReason & { known: boolean } {
  const text = (raw ?? '').trim();
  if (text === '') return { code: NOT_STATED, label: NOT_STATED, known: false };
  const w = words(text);
  const [first = '', second = ''] = w;
  let code: string | null = null;
  if (first === 'DI' || first === 'D1' || (first === 'D' && (second === 'I' || second === '1'))) code = 'Di';
  else if (first === 'DII' || first === 'D2' || (first === 'D' && (second === 'II' || second === '2'))) code = 'Dii';
  else if (/^[A-CE-IO]$/.test(first)) code = first;
  if (!code) {
    const joined = w.join(' ');
    code = KEYWORDS.find(([re]) => re.test(joined))?.[1] ?? null;
  }
  if (!code) return { code: text, label: text, known: false };
  return { code, label: reasonLabel(code), known: true };
}

export const AGENCIES = ['NHS', 'Social Care', 'Both'] as const;
export type Agency = (typeof AGENCIES)[number];

/** NHS, Social Care or Both from `NHS`, `Social care`, `LA`, `Both`, `Joint`, `NHS and social care`; else the raw text. */
export function classifyAgency(raw: string | null | undefined): string {
  const text = (raw ?? '').trim();
  if (text === '') return NOT_STATED;
  const w = new Set(words(text));
  const nhs = w.has('NHS') || w.has('HEALTH');
  const social = w.has('SOCIAL') || w.has('LA') || w.has('COUNCIL') || w.has('ASC') || (w.has('LOCAL') && w.has('AUTHORITY'));
  if (w.has('BOTH') || w.has('JOINT') || (nhs && social)) return 'Both';
  if (social) return 'Social Care';
  if (nhs) return 'NHS';
  return text;
}

/** `Acute` or `Non-acute` from `Acute`, `Non-Acute`, `Non Acute`, `NA`, `A`; else the raw text. */
export function classifySetting(raw: string | null | undefined): string {
  const text = (raw ?? '').trim();
  if (text === '') return NOT_STATED;
  const t = text.toLowerCase().replace(/[^a-z]/g, '');
  if (t.startsWith('non') || t === 'na') return 'Non-acute';
  if (t.startsWith('acute') || t === 'a') return 'Acute';
  return text;
}
