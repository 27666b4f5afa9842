import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { GridSort } from '../../src-shared/charts/field-queries';
import type { PlainRow, ValueKind } from '../../src-shared/engine/arrow-values';
import { cellText } from '../../src-shared/format/cell-text';
import { useWorkbench } from '../state/store';

const ROW_HEIGHT = 26;
const BLOCK = 200;
/** Browsers cap element heights (~33 M px in Chromium); beyond this the scrollbar maps proportionally. */
const MAX_SCROLL_PX = 8_000_000;
const MAX_CACHED_BLOCKS = 60;

export interface GridColumn {
  name: string;
  kind: ValueKind | 'year';
}

interface DataGridProps {
  table: string;
  rowCount: number;
  columns: GridColumn[];
}

function columnWidth(c: GridColumn): number {
  const base = c.kind === 'number' ? 110 : c.kind === 'date' ? 110 : c.kind === 'timestamp' ? 170 : 160;
  return Math.max(base, Math.min(320, c.name.length * 8 + 32));
}

/**
 * A virtualised preview of a table of any size: only the visible rows are in
 * the DOM, fetched from the engine in blocks as you scroll. Keyboard: arrows,
 * Page Up/Down, Home/End.
 */
export function DataGrid({ table, rowCount, columns }: DataGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  /** Blocks of rows loaded so far (at most MAX_CACHED_BLOCKS; the oldest are dropped). */
  const [blocks, setBlocks] = useState<ReadonlyMap<number, PlainRow[]>>(new Map());
  /** Pages being fetched: block → the page's client name (so a page scrolled past can be cancelled). */
  const inflight = useRef(new Map<number, string>());
  const tablePage = useWorkbench((s) => s.tablePage);
  const cancelTablePage = useWorkbench((s) => s.cancelTablePage);
  const [viewport, setViewport] = useState(400);
  const [scrollTop, setScrollTop] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** Click a heading: ascending, then descending, then the stored order. */
  const [sort, setSort] = useState<GridSort | undefined>(undefined);
  const sortBy = (column: string) => {
    setSort((s) => (s?.column !== column ? { column, direction: 'asc' } : s.direction === 'asc' ? { column, direction: 'desc' } : undefined));
    for (const client of inflight.current.values()) cancelTablePage(client);
    inflight.current.clear();
    setBlocks(new Map());
  };

  const widths = useMemo(() => columns.map(columnWidth), [columns]);
  const numberWidth = Math.max(56, rowCount.toLocaleString('en-GB').length * 8 + 20);
  const totalWidth = useMemo(() => numberWidth + widths.reduce((a, b) => a + b, 0), [widths, numberWidth]);
  const naturalHeight = rowCount * ROW_HEIGHT;
  const scrollHeight = Math.min(naturalHeight, MAX_SCROLL_PX);
  const visible = Math.ceil(viewport / ROW_HEIGHT) + 1;
  const maxFirst = Math.max(0, rowCount - visible + 1);
  const first =
    naturalHeight <= MAX_SCROLL_PX
      ? Math.min(maxFirst, Math.floor(scrollTop / ROW_HEIGHT))
      : Math.min(maxFirst, Math.round((scrollTop / Math.max(1, scrollHeight - viewport)) * maxFirst));
  const last = Math.min(rowCount, first + visible);

  // Pages still loading when the grid goes away are cancelled (a new table remounts the grid: see DatasetView).
  useEffect(() => {
    const pending = inflight.current;
    return () => {
      for (const client of pending.values()) cancelTablePage(client);
      pending.clear();
    };
  }, [cancelTablePage]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(Math.max(ROW_HEIGHT, el.clientHeight - ROW_HEIGHT)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fetchBlock = useCallback(
    (block: number) => {
      if (inflight.current.has(block)) return;
      const client = `${table}:${sort ? `${sort.column}:${sort.direction}:` : ''}${block}`;
      inflight.current.set(block, client);
      tablePage(client, table, block * BLOCK, BLOCK, sort)
        .then((rows) => {
          if (rows === null || inflight.current.get(block) !== client) return;
          setBlocks((loaded) => {
            const next = new Map(loaded);
            next.set(block, rows);
            while (next.size > MAX_CACHED_BLOCKS) next.delete(next.keys().next().value!);
            return next;
          });
        })
        .catch((e: unknown) => setError((e as Error).message))
        .finally(() => {
          if (inflight.current.get(block) === client) inflight.current.delete(block);
        });
    },
    [table, tablePage, sort],
  );

  useEffect(() => {
    const needed = new Set<number>();
    for (let b = Math.floor(first / BLOCK); b <= Math.floor(Math.max(first, last - 1) / BLOCK); b++) needed.add(b);
    for (const [block, client] of inflight.current) {
      if (needed.has(block)) continue;
      cancelTablePage(client);
      inflight.current.delete(block);
    }
    for (const b of needed) if (!blocks.has(b)) fetchBlock(b);
  }, [first, last, fetchBlock, cancelTablePage, blocks]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = scroller.current;
    if (!el) return;
    const page = Math.max(1, visible - 2) * ROW_HEIGHT * (scrollHeight / Math.max(1, naturalHeight));
    const step = ROW_HEIGHT * (scrollHeight / Math.max(1, naturalHeight));
    const moves: Record<string, number> = { ArrowDown: step, ArrowUp: -step, PageDown: page, PageUp: -page };
    if (e.key in moves) el.scrollTop += Math.sign(moves[e.key]!) * Math.max(1, Math.abs(moves[e.key]!));
    else if (e.key === 'Home') el.scrollTop = 0;
    else if (e.key === 'End') el.scrollTop = el.scrollHeight;
    else return;
    e.preventDefault();
  };

  const rows: { index: number; row: PlainRow | undefined }[] = [];
  for (let i = first; i < last; i++) rows.push({ index: i, row: blocks.get(Math.floor(i / BLOCK))?.[i % BLOCK] });

  return (
    <div className="grid-wrap">
      {error && (
        <div className="grid-error" role="alert">
          Could not load rows: {error}
        </div>
      )}
      <div
        className="grid-scroller"
        ref={scroller}
        tabIndex={0}
        role="grid"
        aria-label={`Rows of ${table}`}
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length + 1}
        data-testid="data-grid"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: scrollHeight + ROW_HEIGHT, width: totalWidth, position: 'relative' }}>
          <div className="grid-layer" style={{ width: totalWidth }}>
            <div className="grid-row grid-header" role="row" aria-rowindex={1}>
              <div className="grid-cell grid-rownum" role="columnheader" style={{ width: numberWidth }}>
                #
              </div>
              {columns.map((c, i) => (
                <div
                  key={c.name}
                  className={`grid-cell kind-${c.kind}`}
                  role="columnheader"
                  aria-sort={sort?.column === c.name ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  style={{ width: widths[i] }}
                >
                  <button
                    type="button"
                    className="grid-sort"
                    onClick={() => sortBy(c.name)}
                    title={`${c.name}: sort by this column`}
                    data-testid={`sort-${c.name}`}
                  >
                    {c.name}
                    {sort?.column === c.name ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </div>
              ))}
            </div>
            {rows.map(({ index, row }) => (
              <div key={index} className="grid-row" role="row" aria-rowindex={index + 2} data-row={index}>
                <div className="grid-cell grid-rownum" role="rowheader" style={{ width: numberWidth }}>
                  {(index + 1).toLocaleString('en-GB')}
                </div>
                {columns.map((c, i) => (
                  <div key={c.name} className={`grid-cell kind-${c.kind}`} role="gridcell" style={{ width: widths[i] }}>
                    {row ? cellText(row[c.name] ?? null, c.kind) : '…'}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
