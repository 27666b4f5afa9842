import { z } from 'zod';
import type { EngineKind } from '../engine';

/**
 * The typed protocol between an Engine client (RemoteEngine, in the renderer)
 * and the engine process that runs native DuckDB (src-main/engine/engine-host.ts),
 * over a MessagePort. Every message is validated on arrival: the engine
 * process trusts nothing the renderer sends, and the client nothing it gets back.
 * Results cross as Arrow IPC bytes, never as row objects.
 */

export const MAX_SQL_LENGTH = 4_000_000;
const id = z.number().int().nonnegative();
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'Expected bytes' });
const sql = z.string().max(MAX_SQL_LENGTH);
const name = z.string().min(1).max(1024);
const filePath = z.string().min(1).max(4096);

export const engineRequestSchema = z.discriminatedUnion('op', [
  z.strictObject({ id, op: z.literal('hello') }),
  z.strictObject({ id, op: z.literal('query'), sql }),
  z.strictObject({ id, op: z.literal('exec'), sql }),
  z.strictObject({ id, op: z.literal('cancel'), target: id }),
  z.strictObject({ id, op: z.literal('registerFile'), name, path: filePath }),
  z.strictObject({ id, op: z.literal('registerBuffer'), name, bytes }),
  z.strictObject({ id, op: z.literal('dropFile'), path: filePath }),
  z.strictObject({ id, op: z.literal('loadArrow'), table: name, ipc: bytes }),
]);
export type EngineRequest = z.infer<typeof engineRequestSchema>;

/** What the engine process says about itself in answer to `hello`. */
export interface EngineHello {
  kind: EngineKind;
  version: string;
  threads: number;
}

const errorSchema = z.strictObject({ name: z.string().max(200), message: z.string().max(100_000), kind: z.string().max(200).optional() });
export type WireError = z.infer<typeof errorSchema>;

export const engineResponseSchema = z.union([
  z.strictObject({
    id,
    ok: z.literal(true),
    ipc: bytes.optional(),
    path: filePath.optional(),
    hello: z.strictObject({ kind: z.enum(['native', 'wasm']), version: z.string().max(200), threads: z.number().int().positive() }).optional(),
  }),
  z.strictObject({ id, ok: z.literal(false), error: errorSchema }),
]);
export type EngineResponse = z.infer<typeof engineResponseSchema>;

/** Messages from the app's main process (or a test's supervisor) to the engine process, never from the renderer. */
export const engineControlSchema = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('grant'), path: filePath })]);
export type EngineControl = z.infer<typeof engineControlSchema>;
