import { afterAll, describe, expect, it } from 'vitest';
import { serveEngine } from '../../src-main/engine/engine-host';
import { NativeEngine } from '../../src-main/engine/native-engine';
import { columnValues } from '../../src-shared/engine/arrow-values';
import type { ReplayReport } from '../../src-shared/engine/remote/remote-engine';
import type { EngineEvent } from '../../src-shared/ipc/channels';
import { connectNativeEngine } from '../../src-renderer/engine/native-connection';

/**
 * The window's side of the desktop engine, over real MessagePorts: it takes
 * the port main posts, runs queries through it, fails in-flight work with a
 * clear message when main says the engine stopped, and replays its tables
 * into the new engine when main posts the next port.
 */

const engines: NativeEngine[] = [];
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

async function engineOnPort(port: MessagePort): Promise<NativeEngine> {
  const engine = await NativeEngine.open();
  engines.push(engine);
  port.start();
  serveEngine(
    engine,
    { kind: 'native', version: engine.version, threads: engine.threads },
    { post: (m) => port.postMessage(m), listen: (l) => port.addEventListener('message', (e) => l(e.data)) },
    () => false,
  );
  return engine;
}

describe('connecting the window to the engine process', () => {
  it('uses the port main posts, and after a restart replays the tables into the new engine', async () => {
    let deliver: (port: MessagePort) => void = () => undefined;
    let emit: (event: EngineEvent) => void = () => undefined;
    const stopped: string[] = [];
    const restarted: ReplayReport[] = [];
    const first = new MessageChannel();
    await engineOnPort(first.port1);
    const connecting = connectNativeEngine(
      {
        connectEngine: async () => {
          setTimeout(() => deliver(first.port2), 10);
          return { mode: 'native', version: 'v1.4.3', threads: 2 };
        },
        onEngineEvent: (listener) => ((emit = listener), () => undefined),
      },
      (listener) => ((deliver = listener), () => undefined),
      { stopped: (r) => stopped.push(r), restarted: (r) => restarted.push(r), unavailable: () => undefined },
    );
    const connection = await connecting;
    if (!('engine' in connection)) throw new Error('expected native');
    expect(connection.info).toEqual({ kind: 'native', version: 'v1.4.3', threads: 2 });
    const remote = connection.engine;
    await remote.exec('CREATE TABLE t AS SELECT range AS i FROM range(1000)');
    expect(columnValues(await remote.query('SELECT sum(i) AS s FROM t'), 's')).toEqual([499500]);

    // The engine process dies: main says so; work in flight fails clearly.
    const inFlight = remote.query('SELECT count(*) FROM range(3000000000) a, range(10) b');
    await new Promise((r) => setTimeout(r, 100));
    emit({ type: 'stopped', reason: 'the engine process exited with code 9' });
    await expect(inFlight).rejects.toThrow(/The data engine stopped while this was running \(the engine process exited with code 9\)/);
    expect(stopped).toEqual(['the engine process exited with code 9']);
    first.port2.close();

    // A query asked for now waits for the new engine, which gets the table back first.
    const waiting = remote.query('SELECT sum(i) AS s FROM t');
    const second = new MessageChannel();
    await engineOnPort(second.port1);
    deliver(second.port2);
    expect(columnValues(await waiting, 's')).toEqual([499500]);
    await expect.poll(() => restarted.length).toBe(1);
    expect(restarted[0]).toEqual({ replayed: 1, failed: [] });
    second.port2.close();
  });

  it("falls back to DuckDB-Wasm with main's reason when native DuckDB is not running", async () => {
    const connection = await connectNativeEngine(
      { connectEngine: async () => ({ mode: 'wasm', reason: 'DuckDB-Wasm was chosen in View › Engine' }), onEngineEvent: () => () => undefined },
      () => () => undefined,
      { stopped: () => undefined, restarted: () => undefined, unavailable: () => undefined },
    );
    expect(connection).toEqual({ wasmReason: 'DuckDB-Wasm was chosen in View › Engine' });
  });
});
