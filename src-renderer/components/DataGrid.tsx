import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { parseGridFilter, type GridFilter, type GridQuery, type GridSort } from '../../src-shared/charts/field-queries';
import type { PlainRow, ValueKind } from '../../src-shared/engine/arrow-values';
import { toTsv } from '../../src-shared/export/delimited';
import { cellText } from '../../src-shared/format/cell-text';
import { platform } from '../platform';
import { useWorkbench } from '../state/store';

const ROW_HEIGHT = 26;
/** The heading row and the filter row. */
const HEAD_ROWS = 2;
const BLOCK = 200;
/** Browsers cap element heights (~33 M px in Chromium); beyond this the scrollbar maps proportionally. */
const MAX_SCROLL_PX = 8_000_000;
const MAX_CACHED_BLOCKS = 60;
/** The most rows a copy takes (pages are fetched for rows not yet loaded). */
const MAX_COPY_ROWS = 10_000;
const MIN_WIDTH = 48;

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

/** A rectangle of cells: rows and columns (indexes of the shown columns), inclusive. */
interface Selection {
  anchor: { row: number; col: number };
  focus: { row: number; col: number };
}

/**
 * A virtualised view of a table of any size: only the visible rows are in
 * the DOM, fetched from the engine in blocks as you scroll, sorted (click a
 * heading; Shift+click adds a column to the sort) and filtered (a box per
 * column: text contains, `=a, b` exact values, `10..20` or `> 5` for numbers)
 * by SQL in the engine, so it stays fast at millions of rows. Columns can be
 * resized (drag a heading's edge, or Alt+arrows on it) and hidden; a click and
 * a Shift+click select cells, and Ctrl+C copies them as TSV for Excel.
 * Keyboard: arrows, Page Up/Down, Home/End.
 */
export function DataGrid({ table, rowCount: totalRows, columns: allColumns }: DataGridProps) {
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
  const tableCount = useWorkbench((s) => s.tableCount);
  const notify = useWorkbench((s) => s.notify);
  /** Click a heading: ascending, then descending, then not sorted by it; Shift+click adds it to the sort. */
  const [sort, setSort] = useState<GridSort[]>([]);
  const [filterText, setFilterText] = useState<Record<string, string>>({});
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [widthOverrides, setWidthOverrides] = useState<Record<string, number>>({});
  const [selection, setSelection] = useState<Selection | null>(null);
  const [filteredCount, setFilteredCount] = useState<number | null>(null);
  const columns = useMemo(() => allColumns.filter((c) => !hidden.has(c.name)), [allColumns, hidden]);
  const filters = useMemo(
    () =>
      allColumns
        .map((c) => parseGridFilter(c.name, c.kind === 'number' || c.kind === 'year', filterText[c.name] ?? ''))
        .filter((f): f is GridFilter => f !== null),
    [allColumns, filterText],
  );
  const query = useMemo<GridQuery>(() => ({ sort, filters }), [sort, filters]);
  const queryKey = JSON.stringify(query);
  const rowCount = filters.length === 0 ? totalRows : (filteredCount ?? 0);

  const resetRows = () => {
    for (const client of inflight.current.values()) cancelTablePage(client);
    inflight.current.clear();
    setBlocks(new Map());
    setSelection(null);
  };
  const sortBy = (column: string, add: boolean) => {
    setSort((current) => {
      const at = current.findIndex((s) => s.column === column);
      const next: GridSort | null = at < 0 ? { column, direction: 'asc' } : current[at]!.direction === 'asc' ? { column, direction: 'desc' } : null;
      if (!add) return next ? [next] : [];
      const rest = current.filter((s) => s.column !== column);
      return next ? (at < 0 ? [...current, next] : current.map((s) => (s.column === column ? next : s))) : rest;
    });
    resetRows();
  };
  const setFilter = (column: string, text: string) => {
    setFilterText((f) => ({ ...f, [column]: text }));
    resetRows();
  };

  // The filtered row count comes from the engine (the scrollbar and the counter follow it).
  useEffect(() => {
    if (filters.length === 0) return undefined;
    let live = true;
    void tableCount(table, table, filters)
      .then((n) => live && n !== null && setFilteredCount(n))
      .catch(() => live && setFilteredCount(0));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filters are compared by their JSON
  }, [table, tableCount, JSON.stringify(filters)]);

  const widths = useMemo(() => columns.map((c) => widthOverrides[c.name] ?? columnWidth(c)), [columns, widthOverrides]);
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
    const observer = new ResizeObserver(() => setViewport(Math.max(ROW_HEIGHT, el.clientHeight - HEAD_ROWS * ROW_HEIGHT)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fetchBlock = useCallback(
    (block: number) => {
      if (inflight.current.has(block)) return;
      const client = `${table}:${queryKey}:${block}`;
      inflight.current.set(block, client);
      tablePage(client, table, block * BLOCK, BLOCK, query)
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the query is compared by its JSON
    [table, tablePage, queryKey],
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

  /** The selected cells as TSV (headings first), fetching rows not loaded yet. */
  const copySelection = async () => {
    if (!selection) return;
    const top = Math.min(selection.anchor.row, selection.focus.row);
    const bottom = Math.min(Math.max(selection.anchor.row, selection.focus.row), top + MAX_COPY_ROWS - 1);
    const left = Math.min(selection.anchor.col, selection.focus.col);
    const right = Math.max(selection.anchor.col, selection.focus.col);
    const picked = columns.slice(left, right + 1);
    const rowsOut: Record<string, string>[] = [];
    for (let start = top; start <= bottom; start += BLOCK) {
      const block = Math.floor(start / BLOCK);
      const rows = blocks.get(block) ?? (await tablePage(`${table}:copy:${block}`, table, block * BLOCK, BLOCK, query)) ?? [];
      for (let i = Math.max(start, block * BLOCK); i <= Math.min(bottom, block * BLOCK + BLOCK - 1); i++) {
        const row = rows[i - block * BLOCK];
        rowsOut.push(Object.fromEntries(picked.map((c) => [c.name, row ? cellText(row[c.name] ?? null, c.kind) : ''])));
      }
      start = block * BLOCK;
    }
    await platform.copyText(toTsv({ columns: picked.map((c) => ({ key: c.name, label: c.name })), rows: rowsOut }));
    notify(
      `Copied ${rowsOut.length.toLocaleString('en-GB')} ${rowsOut.length === 1 ? 'row' : 'rows'} × ${picked.length} ${picked.length === 1 ? 'column' : 'columns'}: paste into Excel`,
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = scroller.current;
    if (!el) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && selection) {
      e.preventDefault();
      void copySelection().catch((error: unknown) => notify(`Could not copy: ${(error as Error).message}`));
      return;
    }
    const page = Math.max(1, visible - 2) * ROW_HEIGHT * (scrollHeight / Math.max(1, naturalHeight));
    const step = ROW_HEIGHT * (scrollHeight / Math.max(1, naturalHeight));
    const moves: Record<string, number> = { ArrowDown: step, ArrowUp: -step, PageDown: page, PageUp: -page };
    if (e.key in moves) el.scrollTop += Math.sign(moves[e.key]!) * Math.max(1, Math.abs(moves[e.key]!));
    else if (e.key === 'Home') el.scrollTop = 0;
    else if (e.key === 'End') el.scrollTop = el.scrollHeight;
    else return;
    e.preventDefault();
  };

  const selectCell = (e: MouseEvent, row: number, col: number) => {
    // Shift+click extends the grid's own selection, not the browser's text selection.
    if (e.shiftKey) e.preventDefault();
    setSelection((s) => (e.shiftKey && s ? { anchor: s.anchor, focus: { row, col } } : { anchor: { row, col }, focus: { row, col } }));
    scroller.current?.focus();
  };
  const isSelected = (row: number, col: number) =>
    selection !== null &&
    row >= Math.min(selection.anchor.row, selection.focus.row) &&
    row <= Math.max(selection.anchor.row, selection.focus.row) &&
    col >= Math.min(selection.anchor.col, selection.focus.col) &&
    col <= Math.max(selection.anchor.col, selection.focus.col);

  /** Drag a heading's right edge to resize its column. */
  const startResize = (e: PointerEvent, name: string, from: number) => {
    e.preventDefault();
    const x0 = e.clientX;
    const move = (ev: globalThis.PointerEvent) => setWidthOverrides((w) => ({ ...w, [name]: Math.max(MIN_WIDTH, Math.round(from + ev.clientX - x0)) }));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const rows: { index: number; row: PlainRow | undefined }[] = [];
  for (let i = first; i < last; i++) rows.push({ index: i, row: blocks.get(Math.floor(i / BLOCK))?.[i % BLOCK] });

  return (
    <div className="grid-wrap">
      <div className="grid-toolbar">
        <span data-testid="grid-count" aria-live="polite">
          {filters.length === 0
            ? `${totalRows.toLocaleString('en-GB')} ${totalRows === 1 ? 'row' : 'rows'}`
            : filteredCount === null
              ? 'Filtering…'
              : `${filteredCount.toLocaleString('en-GB')} of ${totalRows.toLocaleString('en-GB')} rows`}
          {sort.length > 0 && ` · sorted by ${sort.map((s) => `${s.column} ${s.direction === 'asc' ? '▲' : '▼'}`).join(', ')}`}
        </span>
        {filters.length > 0 && (
          <button type="button" className="link-button" onClick={() => (setFilterText({}), resetRows())}>
            Clear filters
          </button>
        )}
        <details className="grid-columns-menu">
          <summary data-testid="grid-columns">
            Columns ({columns.length} of {allColumns.length} shown)
          </summary>
          <fieldset>
            <legend className="visually-hidden">Columns shown</legend>
            {allColumns.map((c) => (
              <label key={c.name} className="check">
                <input
                  type="checkbox"
                  checked={!hidden.has(c.name)}
                  onChange={(e) =>
                    setHidden((h) => {
                      const next = new Set(h);
                      if (e.target.checked) next.delete(c.name);
                      else next.add(c.name);
                      return next;
                    })
                  }
                />{' '}
                {c.name}
              </label>
            ))}
          </fieldset>
        </details>
        <button type="button" onClick={() => void copySelection()} disabled={!selection} data-testid="grid-copy" title="Copy the selected cells (Ctrl+C)">
          Copy selection
        </button>
      </div>
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
        <div style={{ height: scrollHeight + HEAD_ROWS * ROW_HEIGHT, width: totalWidth, position: 'relative' }}>
          <div className="grid-layer" style={{ width: totalWidth }}>
            <div className="grid-row grid-header" role="row" aria-rowindex={1}>
              <div className="grid-cell grid-rownum" role="columnheader" style={{ width: numberWidth }}>
                #
              </div>
              {columns.map((c, i) => {
                const at = sort.findIndex((s) => s.column === c.name);
                const sorted = at >= 0 ? sort[at]! : null;
                return (
                  <div
                    key={c.name}
                    className={`grid-cell kind-${c.kind}`}
                    role="columnheader"
                    aria-sort={sorted ? (sorted.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    style={{ width: widths[i] }}
                  >
                    <button
                      type="button"
                      className="grid-sort"
                      onClick={(e) => sortBy(c.name, e.shiftKey)}
                      title={`${c.name}: sort by this column (Shift+click to add it to the sort)`}
                      data-testid={`sort-${c.name}`}
                    >
                      {c.name}
                      {sorted ? `${sorted.direction === 'asc' ? ' ▲' : ' ▼'}${sort.length > 1 ? at + 1 : ''}` : ''}
                    </button>
                    <span
                      className="grid-resize"
                      role="separator"
                      aria-orientation="vertical"
                      aria-label={`Width of ${c.name}`}
                      aria-valuenow={widths[i]}
                      tabIndex={0}
                      onPointerDown={(e) => startResize(e, c.name, widths[i]!)}
                      onKeyDown={(e) => {
                        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
                        e.preventDefault();
                        setWidthOverrides((w) => ({ ...w, [c.name]: Math.max(MIN_WIDTH, widths[i]! + (e.key === 'ArrowRight' ? 20 : -20)) }));
                      }}
                    />
                  </div>
                );
              })}
            </div>
            <div className="grid-row grid-filters" role="row" aria-rowindex={2}>
              <div className="grid-cell grid-rownum" role="columnheader" style={{ width: numberWidth }}>
                <span className="visually-hidden">Filters</span>
              </div>
              {columns.map((c, i) => (
                <div key={c.name} className="grid-cell" role="columnheader" style={{ width: widths[i] }}>
                  <input
                    className="grid-filter"
                    value={filterText[c.name] ?? ''}
                    placeholder={c.kind === 'number' || c.kind === 'year' ? '10..20, > 5, =3' : 'contains, =a, b'}
                    aria-label={`Filter ${c.name}`}
                    title={
                      c.kind === 'number' || c.kind === 'year' ? 'A range (10..20), > 5, <= 3, or = values' : 'Text it contains, or =a, b for exact values'
                    }
                    onChange={(e) => setFilter(c.name, e.target.value)}
                    data-testid={`filter-${c.name}`}
                  />
                </div>
              ))}
            </div>
            {rows.map(({ index, row }) => (
              <div key={index} className="grid-row" role="row" aria-rowindex={index + 3} data-row={index}>
                <div className="grid-cell grid-rownum" role="rowheader" style={{ width: numberWidth }}>
                  {(index + 1).toLocaleString('en-GB')}
                </div>
                {columns.map((c, i) => (
                  <div
                    key={c.name}
                    className={`grid-cell kind-${c.kind}${isSelected(index, i) ? ' is-selected' : ''}`}
                    role="gridcell"
                    aria-selected={isSelected(index, i)}
                    style={{ width: widths[i] }}
                    onMouseDown={(e) => selectCell(e, index, i)}
                  >
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
