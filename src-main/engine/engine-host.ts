import path from 'node:path';
import * as arrow from 'apache-arrow';
import type { Engine } from '../../src-shared/engine/engine';
import { QueryError } from '../../src-shared/engine/errors';
import { engineRequestSchema, type EngineHello, type EngineRequest, type EngineResponse, type WireError } from '../../src-shared/engine/remote/protocol';
import { nodeFileSource } from './node-file-source';

/**
 * The engine process's side of the protocol (src-shared/engine/remote): it
 * answers RemoteEngine's requests with the engine it was given. Every message
 * is validated; a file is registered only if main granted its path (the user
 * chose it in a dialog, or allowed a workbook to read it) — the renderer
 * cannot name a path of its own choosing.
 */

export interface HostChannel {
  post(message: EngineResponse): void;
  listen(listener: (message: unknown) => void): void;
}

function toWire(error: unknown): WireError {
  if (error instanceof QueryError) return { name: error.name, message: error.message, kind: error.kind };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function serveEngine(engine: Engine, hello: EngineHello, channel: HostChannel, isGranted: (absolutePath: string) => boolean): void {
  const running = new Map<number, AbortController>();

  async function answer(request: EngineRequest): Promise<Omit<Extract<EngineResponse, { ok: true }>, 'id' | 'ok'>> {
    const signal = running.get(request.id)?.signal;
    switch (request.op) {
      case 'hello':
        return { hello };
      case 'query':
        return { ipc: arrow.tableToIPC(await engine.query(request.sql, signal ? { signal } : {}), 'stream') };
      case 'exec':
        await engine.exec(request.sql, signal ? { signal } : {});
        return {};
      case 'registerFile': {
        const absolute = path.resolve(request.path);
        if (!isGranted(absolute)) throw new Error(`That file has not been opened in this session: ${request.path}`);
        return { path: await engine.registerFile(request.name, await nodeFileSource(absolute)) };
      }
      case 'registerBuffer':
        return { path: await engine.registerBuffer(request.name, request.bytes) };
      case 'dropFile':
        await engine.dropFile(request.path);
        return {};
      case 'loadArrow':
        await engine.loadArrow(request.table, arrow.tableFromIPC(request.ipc));
        return {};
      case 'cancel':
        running.get(request.target)?.abort();
        return {};
    }
  }

  channel.listen((message) => {
    const parsed = engineRequestSchema.safeParse(message);
    if (!parsed.success) {
      const id = (message as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0)
        channel.post({ id, ok: false, error: { name: 'Error', message: `Malformed engine request: ${parsed.error.issues[0]?.message ?? 'invalid'}` } });
      return;
    }
    const request = parsed.data;
    if (request.op === 'query' || request.op === 'exec') running.set(request.id, new AbortController());
    void answer(request)
      .then(
        (result) => channel.post({ id: request.id, ok: true, ...result }),
        (error: unknown) => channel.post({ id: request.id, ok: false, error: toWire(error) }),
      )
      .finally(() => running.delete(request.id));
  });
}
