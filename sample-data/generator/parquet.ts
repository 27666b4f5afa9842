/**
 * activity.parquet: a typed copy of activity.csv written with hyparquet-writer.
 * Output is deterministic: no timestamps are stored, `created_by` is fixed and
 * the row groups are fixed in size.
 */
import { writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';

export interface ActivityColumns {
  commissioner_code: string[];
  commissioner_name: string[];
  provider_code: string[];
  provider_name: string[];
  pod: string[];
  pod_description: string[];
  /** Days since 1970-01-01 of the month's first day (Parquet DATE). */
  month: number[];
  financial_year: string[];
  activity: number[];
  cost_gbp: number[];
}

const STRING = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: 'REQUIRED',
});

export function writeActivityParquet(path: string, columns: ActivityColumns): void {
  const schema: SchemaElement[] = [
    { name: 'root', num_children: 10 },
    STRING('commissioner_code'),
    STRING('commissioner_name'),
    STRING('provider_code'),
    STRING('provider_name'),
    STRING('pod'),
    STRING('pod_description'),
    { name: 'month', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' },
    STRING('financial_year'),
    { name: 'activity', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'cost_gbp', type: 'DOUBLE', repetition_type: 'REQUIRED' },
  ];
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'commissioner_code', data: columns.commissioner_code },
      { name: 'commissioner_name', data: columns.commissioner_name },
      { name: 'provider_code', data: columns.provider_code },
      { name: 'provider_name', data: columns.provider_name },
      { name: 'pod', data: columns.pod },
      { name: 'pod_description', data: columns.pod_description },
      { name: 'month', data: Int32Array.from(columns.month) },
      { name: 'financial_year', data: columns.financial_year },
      { name: 'activity', data: Int32Array.from(columns.activity) },
      { name: 'cost_gbp', data: Float64Array.from(columns.cost_gbp) },
    ],
    schema,
    rowGroupSize: 100000,
    createdBy: 'commissioning-workbench sample-data generator',
    kvMetadata: [{ key: 'source', value: 'Synthetic sample data (Commissioning Workbench); copy of activity.csv' }],
  });
  writeFileSync(path, new Uint8Array(buffer));
}
