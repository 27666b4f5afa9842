import type { ViewResult } from '../../src-shared/analysis/view-types';
import { spcTemplate } from '../../src-shared/analysis/spc/template';
import { openTestEngine } from '../engine-under-test';
import { load, runSpec } from './view-test-helpers';

/** The SPC view over one file with `date`, `value` and `target` columns, on a fresh engine. */
export async function runSpecOutput(file: string): Promise<ViewResult> {
  const engine = await openTestEngine();
  try {
    await load(engine, 'spc_data', file);
    return await runSpec(engine, spcTemplate, ['spc_data'], { period: 'date', value: 'value', target: 'target' });
  } finally {
    await engine.close();
  }
}
