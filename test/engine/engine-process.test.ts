import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkEngineProcess, type ChildEngineHandle } from './child-engine';
import { EngineSupervisor } from '../../src-main/engine/engine-supervisor';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { columnValues } from '../../src-shared/engine/arrow-values';
import { isAbortError } from '../../src-shared/engine/engine';
import { RemoteEngine, type ReplayReport } from '../../src-shared/engine/remote/remote-engine';
import type { EngineHello } from '../../src-shared/engine/remote/protocol';
import { createImportService } from '../../src-shared/import/import-service';

/**
 * The desktop app's engine process, started the way the utility process is:
 * a separate process running native DuckDB, reached over a message channel
 * with the typed protocol, supervised and restarted. Killed mid-query, it
 * gives a clear error, comes back, and has its tables again.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-engine-process-'));
const engineDir = path.join(dir, 'engine');
const sessionName = `engine-${process.pid}-test`;
const csv = path.join(dir, 'activity.csv');
const ungranted = path.join(dir, 'secret.csv');

interface Started {
  handle: ChildEngineHandle;
  hello: EngineHello;
  replay: ReplayReport;
}

let remote: RemoteEngine;
let supervisor: EngineSupervisor<ChildEngineHandle>;
const stopped: string[] = [];
const unavailable: string[] = [];
let waiters: ((s: Started) => void)[] = [];
const started: Started[] = [];
function nextStart(): Promise<Started> {
  return new Promise((r) => waiters.push(r));
}

beforeAll(async () => {
  const lines = ['org,month,activity'];
  for (let i = 0; i < 20_000; i++) lines.push(`${['11X', '99A', '15N'][i % 3]},2024-${String((i % 12) + 1).padStart(2, '0')},${i % 97}`);
  writeFileSync(csv, `${lines.join('\n')}\n`);
  writeFileSync(ungranted, 'x\nsecret\n');
  remote = new RemoteEngine();
  supervisor = new EngineSupervisor(() => forkEngineProcess({ WORKBENCH_ENGINE_DIR: engineDir, WORKBENCH_ENGINE_SESSION: sessionName }), {
    ready: (handle, hello) => {
      void remote.attach(handle.channel()).then((replay) => {
        const s = { handle, hello, replay };
        started.push(s);
        const w = waiters;
        waiters = [];
        for (const fn of w) fn(s);
      });
    },
    stopped: (reason) => {
      stopped.push(reason);
      remote.detach(reason);
    },
    unavailable: (reason) => unavailable.push(reason),
  });
  const first = nextStart();
  supervisor.start();
  supervisor.grant(csv);
  await first;
});

afterAll(() => {
  supervisor?.stop();
});

const expectedTotal = Array.from({ length: 20_000 }, (_, i) => i % 97).reduce((a, b) => a + b, 0);

describe('the engine process (native DuckDB out of process, as the desktop app runs it)', () => {
  it('says which engine it runs, and imports a granted file read in place', async () => {
    expect(started[0]!.hello).toMatchObject({ kind: 'native', version: 'v1.4.3' });
    const report = await createImportService(remote).importFiles('activity', [await nodeFileSource(csv)]);
    expect(report.rows).toBe(20_000);
    expect(columnValues(await remote.query('SELECT sum(activity) AS s, count(DISTINCT org) AS n FROM activity'), 's')).toEqual([expectedTotal]);
  });

  it('refuses to register a path main never granted, and answers malformed requests with an error', async () => {
    await expect(remote.registerFile('secret.csv', await nodeFileSource(ungranted))).rejects.toThrow(/has not been opened in this session/);
    const channel = started[0]!.handle.channel();
    const answer = new Promise<unknown>((resolve) => {
      const stop = channel.listen((m) => {
        if ((m as { id?: number }).id === 987_654) {
          stop();
          resolve(m);
        }
      });
    });
    channel.post({ id: 987_654, op: 'query', sql: 42 } as never);
    expect(await answer).toMatchObject({ id: 987_654, ok: false, error: { message: expect.stringMatching(/Malformed engine request/) } });
    expect(columnValues(await remote.query('SELECT 1 AS one'), 'one')).toEqual([1]);
  });

  it('cancels a query in the engine process through its AbortSignal', async () => {
    const controller = new AbortController();
    const running = remote.query('SELECT count(*) FROM range(3000000000) a, range(10) b', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    expect(
      isAbortError(
        await running.then(
          () => null,
          (e: unknown) => e,
        ),
      ),
    ).toBe(true);
    expect(columnValues(await remote.query('SELECT 42 AS x'), 'x')).toEqual([42]);
  });

  it('killed mid-query: a clear error, a restarted engine, and the tables back from their sources', async () => {
    const restarted = nextStart();
    const running = remote.query('SELECT count(*) FROM range(3000000000) a, range(10) b');
    setTimeout(() => started[0]!.handle.child.kill('SIGKILL'), 300);
    const error = (await running.then(
      () => null,
      (e: unknown) => e,
    )) as Error;
    expect(error.name).toBe('EngineStoppedError');
    expect(error.message).toMatch(
      /The data engine stopped while this was running \(the engine process was killed\)\. It is being restarted and your tables reloaded/,
    );
    expect(stopped).toEqual(['the engine process was killed']);
    const again = await restarted;
    expect(again.handle.child.pid).not.toBe(started[0]!.handle.child.pid);
    expect(again.replay.failed).toEqual([]);
    expect(again.replay.replayed).toBeGreaterThan(2);
    // The table is back, with the same values, read again from the file.
    expect(columnValues(await remote.query('SELECT sum(activity) AS s FROM activity'), 's')).toEqual([expectedTotal]);
    // The grant survived the restart, and the private folder has the same path.
    const report = await createImportService(remote).importFiles('activity2', [await nodeFileSource(csv)]);
    expect(report.rows).toBe(20_000);
    expect(existsSync(path.join(engineDir, sessionName, 'files'))).toBe(true);
    expect(unavailable).toEqual([]);
  });

  it('removes its private folder when it is stopped', async () => {
    const current = started[started.length - 1]!.handle.child;
    const exited = new Promise((r) => current.once('exit', r));
    supervisor.stop();
    await exited;
    expect(existsSync(path.join(engineDir, sessionName))).toBe(false);
  });
});

describe('when native DuckDB cannot start', () => {
  it('the supervisor gives up with the reason, so the app can use the wasm engine', async () => {
    const reasons: string[] = [];
    const done = new Promise<void>((resolve) => {
      const broken = new EngineSupervisor(() => forkEngineProcess({ WORKBENCH_ENGINE_DIR: engineDir, WORKBENCH_ENGINE_MEMORY: 'not a size' }), {
        ready: () => undefined,
        stopped: () => undefined,
        unavailable: (reason) => {
          reasons.push(reason);
          resolve();
        },
      });
      broken.start();
    });
    await done;
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/native DuckDB could not start: .*memory/i);
  });
});
