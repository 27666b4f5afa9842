/**
 * Seeded pseudo-random numbers for the sample-data generator.
 *
 * Only 32-bit integer operations and IEEE basic arithmetic (+, -, *, /) are
 * used, so every platform produces the same sequence. No Math.random, no
 * transcendental functions (their last bits are implementation-defined).
 */

/** The generator's fixed master seed. Changing it changes every committed file. */
export const MASTER_SEED = 20160401;

/** FNV-1a hash of a string, mixed with a seed, as an unsigned 32-bit integer. */
export function hashString(text: string, seed = MASTER_SEED): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32) with a few convenience draws. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator seeded from a label, so each data set has its own stream. */
  static forLabel(label: string): Rng {
    return new Rng(hashString(label));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * Approximately standard normal (mean 0, sd 1): the Irwin–Hall sum of four
   * uniforms, rescaled. Bounded to about ±3.46, which suits synthetic noise.
   */
  normal(): number {
    const s = this.next() + this.next() + this.next() + this.next();
    return (s - 2) * 1.7320508075688772;
  }

  /** Multiplicative noise factor 1 + sd × z, floored at 0. */
  noise(sd: number): number {
    const f = 1 + sd * this.normal();
    return f < 0 ? 0 : f;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty array');
    return item;
  }
}
