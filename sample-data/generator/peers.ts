/**
 * RightCare-style peer group (DOMAIN.md): cap each demographic variable at
 * mean + 5 SD, take the square root, z-score, equal-weight Euclidean
 * distance, closest N. Used to pitch the home CCG's spend against its peers.
 */
import type { Ccg } from './organisations';

const VARIABLES: ReadonlyArray<(c: Ccg) => number> = [
  (c) => c.imdScore,
  (c) => c.pctAged65Plus,
  (c) => c.pctAged85Plus,
  (c) => c.pctRural,
  (c) => c.densityPerKm2,
  (c) => c.pctMinorityEthnic,
];

function meanSd(values: readonly number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) * (b - mean), 0) / values.length;
  return [mean, Math.sqrt(variance)];
}

export function peerGroup(target: Ccg, all: readonly Ccg[], n = 10): Ccg[] {
  const transformed = VARIABLES.map((get) => {
    const raw = all.map(get);
    const [mean, sd] = meanSd(raw);
    const cap = mean + 5 * sd;
    const rooted = raw.map((v) => Math.sqrt(Math.max(0, Math.min(v, cap))));
    const [m2, sd2] = meanSd(rooted);
    return rooted.map((v) => (sd2 > 0 ? (v - m2) / sd2 : 0));
  });
  const ti = all.indexOf(target);
  const distances = all.map((c, i) => {
    let d = 0;
    for (const z of transformed) {
      const diff = (z[i] ?? 0) - (z[ti] ?? 0);
      d += diff * diff;
    }
    return { c, d, i };
  });
  return distances
    .filter((x) => x.i !== ti)
    .sort((a, b) => a.d - b.d || (a.c.code < b.c.code ? -1 : 1))
    .slice(0, n)
    .map((x) => x.c);
}
