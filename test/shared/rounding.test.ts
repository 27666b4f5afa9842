import { describe, expect, it } from 'vitest';
import { roundActivity, roundHalfAway, roundMoney, roundRate } from '../../src-shared/format/rounding';

describe('roundHalfAway: half away from zero on the decimal value, read at 15 significant digits', () => {
  it('rounds halves away from zero', () => {
    expect(roundHalfAway(2.5, 0)).toBe(3);
    expect(roundHalfAway(-2.5, 0)).toBe(-3);
    expect(roundHalfAway(0.5)).toBe(1);
    expect(roundHalfAway(-0.5)).toBe(-1);
    expect(roundHalfAway(1.45, 1)).toBe(1.5);
    expect(roundHalfAway(99.995, 2)).toBe(100);
    expect(roundHalfAway(0.005, 2)).toBe(0.01);
    expect(roundHalfAway(1234.5678, 2)).toBe(1234.57);
    expect(roundHalfAway(-1234.5649, 2)).toBe(-1234.56);
  });

  it('rounds the decimal a double stands for, not its binary approximation', () => {
    // 1.005 is stored as 1.00499999999999989…; 2.675 as 2.67499999999999982…
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(-1.005, 2)).toBe(-1.01);
    expect(roundHalfAway(2.675, 2)).toBe(2.68);
    expect(roundHalfAway(1.015, 2)).toBe(1.02);
    // Noise from arithmetic: 0.145 × 100 = 14.499999999999998; 11.985 × 130,001 = 1,558,061.9849999999.
    expect(roundHalfAway(0.145 * 100, 0)).toBe(15);
    expect(roundHalfAway(11.985 * 130001, 2)).toBe(1558061.99);
    expect(roundHalfAway(0.1 + 0.2, 2)).toBe(0.3);
  });

  it('keeps a value written below the half below it (the case the two old implementations disagreed on)', () => {
    // 1234.4999999995 has 14 significant digits, all meant: it is below 1234.5. An epsilon rule gave 1235.
    expect(roundHalfAway(1234.4999999995, 0)).toBe(1234);
    expect(roundHalfAway(-1234.4999999995, 0)).toBe(-1234);
    expect(roundHalfAway(1234.4999999995, 9)).toBe(1234.5);
    expect(roundHalfAway(0.0049999, 2)).toBe(0);
  });

  it('never gives -0, and passes infinities and NaN through', () => {
    expect(Object.is(roundHalfAway(-0.001, 2), 0)).toBe(true);
    expect(Object.is(roundHalfAway(-0, 2), 0)).toBe(true);
    expect(roundHalfAway(-5e-7, 2)).toBe(0);
    expect(roundHalfAway(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(roundHalfAway(Number.NaN, 2)).toBeNaN();
  });

  it('handles very large and very small values and asks for sensible decimal places', () => {
    expect(roundHalfAway(1e21, 2)).toBe(1e21);
    expect(roundHalfAway(123456789012.345, 2)).toBe(123456789012.35);
    expect(roundHalfAway(-1.23456789e-8, 10)).toBe(-1.23e-8);
    expect(roundHalfAway(0.30000000000000004, 20)).toBe(0.3);
    expect(() => roundHalfAway(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAway(1, 1.5)).toThrow(RangeError);
  });

  it('rounds money to the penny, activity to 2 dp and rates to 4 dp, keeping null', () => {
    expect(roundMoney(5057062.984999)).toBe(5057062.98);
    expect(roundMoney(3048301.475)).toBe(3048301.48);
    expect(roundMoney(null)).toBeNull();
    expect(roundActivity(4656.995)).toBe(4657);
    expect(roundActivity(null)).toBeNull();
    expect(roundRate(151.21805)).toBe(151.2181);
    expect(roundRate(-0.00004)).toBe(0);
    expect(roundRate(null)).toBeNull();
  });
});
