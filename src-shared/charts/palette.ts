/**
 * Chart colours. The default palette is NHS identity colours (DOMAIN.md),
 * ordered so neighbouring series differ in lightness as well as hue (readable in
 * greyscale) and so the first eight stand out from a white background (3:1). The colour-blind-safe alternative is Okabe–Ito. Highlighting
 * shows one category (e.g. "our CCG") in NHS Blue and the rest in grey.
 */
export const NHS_COLOURS = {
  blue: '#005EB8',
  darkBlue: '#003087',
  brightBlue: '#0072CE',
  lightBlue: '#41B6E6',
  aquaGreen: '#00A499',
  warmYellow: '#FFB81C',
  darkGrey: '#425563',
  midGrey: '#768692',
  paleGrey: '#E8EDEE',
  red: '#DA291C',
} as const;

export const NHS_PALETTE: readonly string[] = [
  // The first eight reach 3:1 against white (WCAG 1.4.11, graphics), alternating darker and lighter.
  NHS_COLOURS.blue,
  NHS_COLOURS.aquaGreen,
  NHS_COLOURS.darkBlue,
  NHS_COLOURS.red,
  NHS_COLOURS.darkGrey,
  '#AE2573',
  '#330072',
  NHS_COLOURS.midGrey,
  // Lighter NHS colours, below 3:1 on white: only for the ninth series on (the data table carries every figure).
  NHS_COLOURS.warmYellow,
  NHS_COLOURS.lightBlue,
  '#78BE20',
];

/** Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies. */
export const COLOUR_BLIND_SAFE_PALETTE: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export type PaletteName = 'nhs' | 'colour-blind-safe';

export function paletteColours(name: PaletteName = 'nhs'): readonly string[] {
  return name === 'colour-blind-safe' ? COLOUR_BLIND_SAFE_PALETTE : NHS_PALETTE;
}

/** Colour for a highlighted category and for everything else. */
export const HIGHLIGHT_COLOUR = NHS_COLOURS.blue;
export const MUTED_COLOUR = '#AEB7BD';

/** Reference-line colours: targets in dark grey dashed, averages in mid grey. */
export const REFERENCE_COLOURS = { target: NHS_COLOURS.red, average: NHS_COLOURS.darkGrey, benchmark: NHS_COLOURS.aquaGreen } as const;
