import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { AbortError, type Engine, type QueryOptions } from '../../src-shared/engine/engine';
import { QueryCoordinator, type RequestState } from '../../src-shared/session/coordinator';

/**
 * The coordinator against a scripted engine: each query resolves when the
 * test says, so ordering, cancellation and caching are exact.
 */
function scriptedEngine() {
  const calls: { sql: string; signal?: AbortSignal; resolve: (t: arrow.Table) => void; reject: (e: Error) => void }[] = [];
  const engine = {
    query(sql: string, opts: QueryOptions = {}) {
      return new Promise<arrow.Table>((resolve, reject) => {
        const call = { sql, ...(opts.signal ? { signal: opts.signal } : {}), resolve, reject };
        calls.push(call);
        opts.signal?.addEventListener('abort', () => reject(new AbortError()), { once: true });
      });
    },
  } as unknown as Engine;
  return { engine, calls };
}

const table = (n: number) => new arrow.Table({ n: arrow.vectorFromArray([n], new arrow.Float64()) });
const tick = () => new Promise((r) => setTimeout(r, 0));
const valueOf = (s: RequestState<arrow.Table>) => (s.status === 'ready' ? s.value.get(0)?.toJSON().n : s.status);

describe('QueryCoordinator', () => {
  it('reports pending then the result, and only the latest request of a client', async () => {
    const { engine, calls } = scriptedEngine();
    const c = new QueryCoordinator(async () => engine);
    const heard: unknown[] = [];
    const first = c.request('chart:a', 'SELECT 1', (s) => heard.push(['first', valueOf(s)]));
    await tick();
    const second = c.request('chart:a', 'SELECT 2', (s) => heard.push(['second', valueOf(s)]));
    await tick();
    expect(calls.map((q) => q.sql)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(calls[0]!.signal!.aborted).toBe(true);
    calls[1]!.resolve(table(2));
    await Promise.all([first, second]);
    expect(heard).toEqual([
      ['first', 'pending'],
      ['second', 'pending'],
      ['second', 2],
    ]);
  });

  it('keeps clients apart: another client’s request cancels nothing', async () => {
    const { engine, calls } = scriptedEngine();
    const c = new QueryCoordinator(async () => engine);
    const heard: unknown[] = [];
    const a = c.request('chart:a', 'SELECT 1', (s) => heard.push(['a', valueOf(s)]));
    const b = c.request('chart:b', 'SELECT 2', (s) => heard.push(['b', valueOf(s)]));
    await tick();
    calls[1]!.resolve(table(2));
    calls[0]!.resolve(table(1));
    await Promise.all([a, b]);
    expect(heard).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
      ['b', 2],
      ['a', 1],
    ]);
  });

  it('reports an error as a message, and a cancelled client hears nothing more', async () => {
    const { engine, calls } = scriptedEngine();
    const c = new QueryCoordinator(async () => engine);
    const heard: unknown[] = [];
    const failing = c.request('view:v', 'SELECT x', (s) => heard.push(s.status === 'error' ? s.message : s.status));
    const cancelled = c.request('grid:t:0', 'SELECT y', (s) => heard.push(`grid ${s.status}`));
    await tick();
    c.cancel('grid:t:0');
    calls[0]!.reject(new Error('Binder error: no column x'));
    await Promise.all([failing, cancelled]);
    expect(heard).toEqual(['pending', 'grid pending', 'Binder error: no column x']);
    expect(calls[1]!.signal!.aborted).toBe(true);
  });

  it('caches a query until the data changes, sharing one run between clients', async () => {
    const { engine, calls } = scriptedEngine();
    const c = new QueryCoordinator(async () => engine);
    const values: unknown[] = [];
    const listen = (s: RequestState<arrow.Table>) => s.status === 'ready' && values.push(valueOf(s));
    const a = c.request('values:1', 'SELECT v', listen, { cache: true });
    const b = c.request('values:2', 'SELECT v', listen, { cache: true });
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(table(7));
    await Promise.all([a, b]);
    await c.request('values:3', 'SELECT v', listen, { cache: true });
    expect(calls).toHaveLength(1);
    c.invalidate();
    const d = c.request('values:4', 'SELECT v', listen, { cache: true });
    await tick();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(table(8));
    await d;
    expect(values).toEqual([7, 7, 7, 8]);
  });

  it('cancels a shared cached run in DuckDB only when every client waiting for it gave up', async () => {
    const { engine, calls } = scriptedEngine();
    const c = new QueryCoordinator(async () => engine);
    const a = c.request('chart:a', 'SELECT slow', () => undefined, { cache: true });
    const b = c.request('chart:b', 'SELECT slow', () => undefined, { cache: true });
    await tick();
    c.cancel('chart:a');
    await tick();
    expect(calls[0]!.signal!.aborted).toBe(false);
    c.cancel('chart:b');
    await tick();
    expect(calls[0]!.signal!.aborted).toBe(true);
    await Promise.all([a, b]);
    // Gone from the cache: the next request runs again.
    void c.request('chart:c', 'SELECT slow', () => undefined, { cache: true });
    await tick();
    expect(calls).toHaveLength(2);
  });

  it('settles when no work is running, and times every query', async () => {
    const { engine, calls } = scriptedEngine();
    let now = 1000;
    const timed: number[] = [];
    const c = new QueryCoordinator(async () => engine, { now: () => now, onQueryTimed: (ms) => timed.push(ms) });
    await c.settled();
    void c.request('chart:a', 'SELECT 1', () => undefined);
    await tick();
    expect(c.busy).toBe(true);
    let settled = false;
    void c.settled().then(() => (settled = true));
    now += 42;
    calls[0]!.resolve(table(1));
    await tick();
    await tick();
    expect(settled).toBe(true);
    expect(c.busy).toBe(false);
    expect(timed).toEqual([42]);
  });
});
