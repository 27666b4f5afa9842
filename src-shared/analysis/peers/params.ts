import { defineParams, type ParamsOf } from '../params/define';
import { param } from '../params/fields';

/**
 * Parameters of the peers view, declared once: the form shows those with a
 * label, in this order. Values may arrive as strings from the command line
 * (`--param peers=11J,11N`) or typed from workbooks (`peers: ['11J','11N']`).
 */
export const peersParams = defineParams('peers', {
  /** Home organisation code. */
  home: param.text({
    label: 'Home organisation',
    valuesOfRole: 'org',
    help: 'Your CCG or ICB, e.g. 11X',
    required: "the home organisation's code, e.g. home=11X",
  }),
  /** Which benchmark the gap and opportunity are measured against. */
  benchmark: param.choice(
    [
      ['average', 'Peer average'],
      ['best5', 'Average of the best 5'],
      ['quartile', 'Best quartile'],
    ],
    { label: 'Benchmark', default: 'average', aliases: { mean: 'average', 'best 5': 'best5', best: 'best5' } },
  ),
  /** How many nearest organisations a derived peer group takes. */
  peerCount: param.number({
    label: 'Number of peers',
    help: 'The most similar organisations on the demographic variables',
    default: 10,
    min: 1,
    integer: true,
  }),
  /** Explicit peer codes; empty → derive the peer group from demographics. */
  peers: param.list({
    label: 'Or a fixed peer list',
    placeholder: 'e.g. 11J,11N,99P',
    help: 'Comma-separated codes; leave empty to derive peers',
    separators: /[,;\s]+/,
  }),
  /** Period to analyse; null → the latest. */
  period: param.text({ label: 'Period', valuesOfRole: 'period', placeholder: 'latest' }),
  /** Confidence level for the significance test of the home value; `none` skips it. */
  significance: param.choice(
    [
      ['none', 'Not tested'],
      ['95', '95% confidence'],
      ['99.8', '99.8% confidence'],
    ],
    { label: 'Significance', default: 'none', aliases: { '0': 'none', '95%': '95', '99.8%': '99.8', '0.95': '95', '0.998': '99.8' } },
  ),
  /** With a significance level: count a gap that is not significant as zero opportunity (else only flag it). */
  excludeInsignificant: param.boolean({ label: 'Leave out gaps that are not significant', default: true }),
  /** £ per unit of activity for every activity indicator without a more specific cost. */
  unitCost: param.number({ label: 'Unit cost (£) for activity indicators', placeholder: 'none', min: 0 }),
  /** Demographic variables (columns of the demographics table); empty → every numeric, unmapped column of that table. */
  demographics: param.list({
    label: 'Demographic variables',
    placeholder: 'all numeric columns',
    help: 'Comma-separated columns of the demographics table',
    separators: /[,;]+/,
  }),
  /** Weight per demographic variable (applied to its squared z-score difference); missing → 1. */
  weights: param.numbers({
    label: 'Variable weights',
    placeholder: 'e.g. imd_score:2',
    help: 'variable:weight, comma-separated; others weigh 1',
    pairs: true,
    min: 0,
    entryName: 'variable',
  }),
  /** £ per unit of activity by indicator code (wins over the unitCost column and `unitCost`). */
  unitCosts: param.numbers({ pairs: true, min: 0, entryName: 'indicator', example: 'unitCosts=NEL:1650,AE:145' }),
  /** The population a gap is scaled by (see opportunity.ts). */
  basis: param.choice(
    [
      ['auto', 'Automatic'],
      ['denominator', 'Denominator'],
      ['population', 'Population'],
      ['weightedPopulation', 'Weighted population'],
    ],
    { default: 'auto', aliases: { weighted: 'weightedPopulation', weighted_population: 'weightedPopulation' }, example: 'basis=population' },
  ),
  /** Unit text for indicators whose unit column and name say nothing about scale, e.g. `per 1,000`. */
  unit: param.text(),
  /** Direction for indicators without a (recognisable) direction. */
  direction: param.choice(
    [
      ['lower', 'Lower is better'],
      ['higher', 'Higher is better'],
    ],
    { default: 'lower' },
  ),
  /** Indicator codes for the quadrant chart's x (spend) and y (outcome) axes; null → chosen automatically. */
  quadrantX: param.text(),
  quadrantY: param.text(),
});

export type PeersParams = ParamsOf<typeof peersParams>;
export type BenchmarkKind = PeersParams['benchmark'];
export type SignificanceLevel = PeersParams['significance'];
export type PopulationBasis = PeersParams['basis'];
