import { z } from 'zod';

/**
 * The typed channel map between renderer and main. Main validates every
 * request against these schemas (and checks the sender) before acting; the
 * preload exposes one named function per channel and nothing else.
 */

import { MAX_READ_CHUNK } from './preload-api';

export { MAX_READ_CHUNK };
const token = z.string().regex(/^[a-f0-9]{32}$/, 'not a file token');

export const openedFileSchema = z.object({
  token,
  name: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative(),
  lastModified: z.number(),
});
export type OpenedFile = z.infer<typeof openedFileSchema>;

/** A file a workbook names outside its own folder: read only if the person agrees (workbook/allow-reads). */
export const outsideReadSchema = z.object({
  table: z.string(),
  kind: z.enum(['source', 'snapshot']),
  stored: z.string(),
  absolute: z.string(),
  reason: z.string(),
});

/** A workbook main opened: its text, a write token for saving back, and grants for the source files that exist. */
export const openedWorkbookSchema = z.object({
  path: z.string(),
  name: z.string(),
  token,
  text: z.string(),
  /** Source and snapshot files inside the workbook's folder that exist, keyed by absolute path. */
  files: z.record(z.string(), openedFileSchema),
  /** Files it names outside its folder: not looked at until the person agrees. */
  outside: z.array(outsideReadSchema),
});
export type OpenedWorkbook = z.infer<typeof openedWorkbookSchema>;

const fileFilter = z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9*.]{1,16}$/i)).max(20) });

export const channels = {
  'file/open-dialog': {
    request: z.object({ multiple: z.boolean(), purpose: z.enum(['data', 'workbook']) }).strict(),
    response: z.array(openedFileSchema),
  },
  'file/read': {
    request: z.object({ token, offset: z.number().int().nonnegative(), length: z.number().int().positive().max(MAX_READ_CHUNK) }).strict(),
    response: z.instanceof(Uint8Array),
  },
  'file/save': {
    request: z
      .object({
        suggestedName: z
          .string()
          .min(1)
          .max(255)
          .refine((n) => !/[\\/]/.test(n), 'must be a file name, not a path'),
        data: z.union([z.string().max(512 * 1024 * 1024), z.instanceof(Uint8Array)]),
        filters: z.array(fileFilter).max(10),
      })
      .strict(),
    response: z.object({ saved: z.boolean(), path: z.string().optional() }),
  },
  'clipboard/write': {
    request: z.union([
      z.object({ text: z.string().max(64 * 1024 * 1024) }).strict(),
      z.object({ png: z.instanceof(Uint8Array).refine((b) => b.length <= 64 * 1024 * 1024, 'image too large') }).strict(),
    ]),
    response: z.object({ copied: z.boolean() }),
  },
  'workbook/open-dialog': {
    request: z.object({}).strict(),
    response: z.union([z.null(), z.lazy(() => openedWorkbookSchema)]),
  },
  'workbook/open-path': {
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
    response: z.lazy(() => openedWorkbookSchema),
  },
  'workbook/allow-reads': {
    /** The person agreed to these files (each one the workbook with this token listed as outside): grant those that exist. */
    request: z.object({ token, paths: z.array(z.string().min(1).max(4096)).min(1).max(1000) }).strict(),
    response: z.record(z.string(), openedFileSchema),
  },
  'workbook/save': {
    request: z
      .object({
        /** Write token of the workbook's current file; absent (or saveAs) asks where to save. */
        token: token.optional(),
        saveAs: z.boolean(),
        suggestedName: z
          .string()
          .min(1)
          .max(255)
          .refine((n) => !/[\\/]/.test(n), 'must be a file name, not a path'),
        text: z.string().max(256 * 1024 * 1024),
      })
      .strict(),
    response: z.union([z.null(), z.object({ token, path: z.string(), name: z.string() })]),
  },
  'workbook/recovery-write': {
    request: z
      .object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/), workbookPath: z.string().max(4096).nullable(), text: z.string().max(256 * 1024 * 1024) })
      .strict(),
    response: z.object({ written: z.boolean() }),
  },
  'workbook/recovery-list': {
    request: z.object({}).strict(),
    response: z.array(z.object({ key: z.string(), workbookPath: z.string().nullable(), savedAt: z.string(), text: z.string(), stale: z.boolean() })),
  },
  'workbook/recovery-delete': {
    request: z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/), workbookPath: z.string().max(4096).nullable() }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
  'engine/connect': {
    /**
     * Ask for the engine: `native` means main is posting a MessagePort to the
     * engine process on ENGINE_PORT_CHANNEL (again after every restart);
     * `wasm` means run DuckDB-Wasm in the window, and why.
     */
    request: z.object({}).strict(),
    response: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('native'), version: z.string(), threads: z.number().int().positive() }),
      z.object({ mode: z.literal('wasm'), reason: z.string() }),
    ]),
  },
} as const;

/** What main tells the window about the engine process, on ENGINE_EVENT_CHANNEL. */
export const engineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stopped'), reason: z.string() }),
  z.object({ type: z.literal('unavailable'), reason: z.string() }),
]);
export type EngineEvent = z.infer<typeof engineEventSchema>;

export type Channel = keyof typeof channels;
export type ChannelRequest<C extends Channel> = z.infer<(typeof channels)[C]['request']>;
export type ChannelResponse<C extends Channel> = z.infer<(typeof channels)[C]['response']>;

/** Commands the application menu sends to the renderer. */
export const menuCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('open') }),
  z.object({ command: z.literal('open-recent'), file: openedFileSchema }),
  z.object({ command: z.literal('open-recent-workbook'), path: z.string() }),
  z.object({ command: z.literal('export-report'), format: z.enum(['pptx', 'pdf', 'html']) }),
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;
