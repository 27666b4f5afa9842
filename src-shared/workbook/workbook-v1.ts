import { z } from 'zod';

/**
 * Workbook version 1: the first, simpler shape. Still read (and migrated to
 * the current version on open); never written.
 *
 * ```json
 * {
 *   "version": 1,
 *   "name": "Somerset activity",
 *   "datasets": [{ "table": "activity", "path": "../activity.csv", "options": { "dateOrder": "DMY" } }],
 *   "charts": [{ "id": "ae-by-year", "spec": { "version": 1, "source": { "table": "activity" }, "type": "column", … } }],
 *   "layout": ["ae-by-year"],
 *   "notes": "Refreshed monthly."
 * }
 * ```
 *
 * - no `format` marker; `name` is the title;
 * - `datasets`: one file per table (path relative to the workbook), import
 *   options, no fingerprint and no record of the columns;
 * - `charts`: chart specs, whose `source` may still name a file (`path`,
 *   `sheet`) like a stand-alone `.chart.json`;
 * - `layout`: chart ids in report order, one chart per row; no views, no
 *   derived tables, no text blocks, no snapshot.
 */
export const workbookV1Schema = z.object({
  version: z.literal(1),
  name: z.string().default('Untitled workbook'),
  datasets: z
    .array(
      z.object({
        table: z.string().min(1, 'needs a table name'),
        path: z.string().min(1, 'needs a file path'),
        options: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .default([]),
  charts: z
    .array(
      z.object({
        id: z.string().min(1, 'needs an id'),
        spec: z.record(z.string(), z.unknown()),
      }),
    )
    .default([]),
  layout: z.array(z.string()).default([]),
  notes: z.string().default(''),
});

export type WorkbookV1 = z.output<typeof workbookV1Schema>;
