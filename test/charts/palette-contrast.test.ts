import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_COLOUR, MUTED_COLOUR, NHS_COLOURS, NHS_PALETTE } from '../../src-shared/charts/palette';

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b2!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('the NHS palette on white', () => {
  it('computes contrast as WCAG does (worked values)', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 9);
    expect(contrast(NHS_COLOURS.blue, '#FFFFFF')).toBeCloseTo(6.38, 2);
    expect(contrast(NHS_COLOURS.warmYellow, '#FFFFFF')).toBeCloseTo(1.73, 2);
  });

  it('the first eight chart colours reach 3:1 against white (graphics); the lighter ones come after', () => {
    const ratios = NHS_PALETTE.map((c) => contrast(c, '#FFFFFF'));
    expect(ratios.slice(0, 8).every((r) => r >= 3)).toBe(true);
    expect(ratios.slice(8).every((r) => r < 3)).toBe(true);
    // Highlighted against muted bars (our CCG against its peers): told apart by lightness too.
    expect(contrast(HIGHLIGHT_COLOUR, MUTED_COLOUR)).toBeGreaterThanOrEqual(3);
  });

  it('text colours of the app reach 4.5:1 against white', () => {
    const css = readFileSync(path.resolve(import.meta.dirname, '../../src-renderer/styles.css'), 'utf8');
    const variable = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css)![1]!;
    for (const name of ['text', 'nhs-blue', 'nhs-dark-blue', 'nhs-dark-grey']) expect(contrast(variable(name), '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
    // Grey text is dark grey: mid grey (3.75:1) is used only for borders and separators.
    expect(css).not.toMatch(/(?<!border-)color: var\(--nhs-mid-grey\)/);
  });
});
