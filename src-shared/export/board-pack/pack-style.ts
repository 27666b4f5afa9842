import { NHS_COLOURS, NHS_PALETTE } from '../../charts/palette';

/**
 * What every board-pack format shares: NHS identity colours for the page
 * furniture (one source, the charts' palette) and the text colour, and a
 * UTF-8 text as base64 (an SVG as a data: image).
 */
export const PACK_COLOURS = {
  blue: NHS_COLOURS.blue,
  darkBlue: NHS_COLOURS.darkBlue,
  text: '#231F20',
  grey: NHS_COLOURS.darkGrey,
  midGrey: NHS_COLOURS.midGrey,
  paleGrey: NHS_COLOURS.paleGrey,
  red: NHS_COLOURS.red,
} as const;

/** The series colours, in palette order. */
export const PACK_SERIES_COLOURS: readonly string[] = NHS_PALETTE;

/** `#005EB8` → `005EB8`, as PowerPoint's colour attributes are written. */
export function bareHex(colour: string): string {
  return colour.replace(/^#/, '').toUpperCase();
}

export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
