import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../src-shared/ipc/channels';
import { ENGINE_PORT_CHANNEL, ENGINE_PORT_MESSAGE, MENU_COMMAND_CHANNEL, PRELOAD_GLOBAL } from '../../src-shared/ipc/preload-api';
import { mainWindowOptions } from '../../src-main/window-options';

/**
 * The Electron hardening that lives outside the main-process logic: the
 * window's webPreferences, the preload's whole surface, APIs the app must never
 * call, the fuses flipped in the packaged binary, and a supported Electron.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

const h = vi.hoisted(() => {
  const exposed: { name: string; api: unknown }[] = [];
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => undefined),
    on: vi.fn(),
    once: vi.fn(),
    removeListener: vi.fn(),
    removeAllListeners: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
    postMessage: vi.fn(),
  };
  const contextBridge = {
    exposeInMainWorld: vi.fn((name: string, api: unknown) => exposed.push({ name, api })),
  };
  return { exposed, ipcRenderer, electron: { contextBridge, ipcRenderer } };
});

vi.mock('electron', () => ({ ...h.electron, default: h.electron }));

describe('main window webPreferences', () => {
  it('are exactly the sandboxed, isolated, Node-free set (any change must be made here too, on purpose)', () => {
    expect(mainWindowOptions('x').webPreferences).toStrictEqual({
      preload: 'x',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    });
  });
});

describe('preload surface (electron mocked)', () => {
  let api: Record<string, unknown>;

  beforeAll(async () => {
    await import('../../src-main/preload');
    expect(h.exposed).toHaveLength(1);
    api = h.exposed[0]!.api as Record<string, unknown>;
  });

  it('exposes one global, window.workbench', () => {
    expect(h.exposed.map((e) => e.name)).toEqual(['workbench']);
    expect(PRELOAD_GLOBAL).toBe('workbench');
  });

  it('exposes exactly these functions and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([
      'allowWorkbookReads',
      'connectEngine',
      'deleteRecovery',
      'listRecoveries',
      'onEngineEvent',
      'onMenuCommand',
      'openDialog',
      'openWorkbookDialog',
      'openWorkbookPath',
      'readFile',
      'saveFile',
      'saveWorkbook',
      'writeClipboard',
      'writeRecovery',
    ]);
  });

  it('exposes only what the renderer calls: every function is used by the Electron platform', () => {
    const platformSource = readFileSync(path.join(ROOT, 'src-renderer/platform/electron-platform.ts'), 'utf8');
    const unused = Object.keys(api).filter((name) => !new RegExp(`\\bapi\\.${name}\\(`).test(platformSource));
    expect(unused).toEqual([]);
  });

  it('never hands over ipcRenderer or anything that can send on an arbitrary channel', () => {
    expect(Object.values(api)).not.toContain(h.ipcRenderer);
    for (const [key, value] of Object.entries(api)) {
      expect(typeof value, key).toBe('function');
      for (const method of Object.values(h.ipcRenderer)) expect(value, key).not.toBe(method);
      for (const prop of ['send', 'sendSync', 'invoke', 'on', 'postMessage']) expect(Object.hasOwn(value as object, prop), `${key}.${prop}`).toBe(false);
    }
  });

  it('invokes only channels of the typed map, and every one of them', async () => {
    h.ipcRenderer.invoke.mockClear();
    for (const [key, value] of Object.entries(api)) {
      if (key !== 'onMenuCommand' && key !== 'onEngineEvent') await (value as (request: unknown) => Promise<unknown>)({});
    }
    const invoked = h.ipcRenderer.invoke.mock.calls.map((call) => call[0] as string);
    expect([...invoked].sort()).toEqual(Object.keys(channels).sort());
  });

  it('hands the engine port to the page only as a message to its own window, tagged, with no IPC object', () => {
    const [, handler] = h.ipcRenderer.on.mock.calls.find((call) => call[0] === ENGINE_PORT_CHANNEL) as [string, (event: unknown) => void];
    const postMessage = vi.fn();
    vi.stubGlobal('window', { postMessage, location: { origin: 'app://workbench' } });
    const port = { fake: 'port' };
    handler({ sender: h.ipcRenderer, ports: [port] });
    expect(postMessage).toHaveBeenCalledWith({ [ENGINE_PORT_MESSAGE]: true }, 'app://workbench', [port]);
    vi.unstubAllGlobals();
  });

  it('passes menu commands to the listener without the IPC event (whose sender is ipcRenderer)', () => {
    const received: unknown[][] = [];
    const unsubscribe = (api.onMenuCommand as (listener: (...args: unknown[]) => void) => () => void)((...args) => received.push(args));
    const [channel, handler] = h.ipcRenderer.on.mock.calls.at(-1) as [string, (...args: unknown[]) => void];
    expect(channel).toBe(MENU_COMMAND_CHANNEL);
    handler({ sender: h.ipcRenderer }, { command: 'open' });
    expect(received).toEqual([[{ command: 'open' }]]);
    unsubscribe();
    expect(h.ipcRenderer.removeListener).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, handler);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs|html)$/.test(name) ? [full] : [];
  });
}

/**
 * Calls the app must never make. shell.openExternal/openPath hand a string to
 * the OS to open (a URL in the browser, a file with its default program):
 * reachable from the renderer they turn a compromised page into code
 * execution, and the app has no link or file it needs to open that way.
 * child_process: nothing in src-main spawns a process — the CLI runs DuckDB
 * in its own process, and the desktop app starts its engine process with
 * Electron's utilityProcess — so no file is exempt (the tests' stand-in for
 * the utility process, test/engine/child-engine.ts, lives with the tests).
 */
const FORBIDDEN: { name: string; pattern: RegExp; dirs: string[] }[] = [
  { name: 'shell.openExternal', pattern: /\bopenExternal\b/, dirs: ['src-main', 'src-renderer', 'src-shared'] },
  { name: 'shell.openPath', pattern: /\bopenPath\b/, dirs: ['src-main', 'src-renderer', 'src-shared'] },
  { name: 'child_process', pattern: /(['"`])(?:node:)?child_process\1/, dirs: ['src-main', 'src-renderer', 'src-shared'] },
];
const CHILD_PROCESS_ALLOWED: string[] = [];

describe('forbidden APIs', () => {
  it('the patterns catch what they are meant to catch', () => {
    const samples: Record<string, string[]> = {
      'shell.openExternal': ['shell.openExternal(url)', 'const { openExternal } = shell;'],
      'shell.openPath': ['await shell.openPath(file)'],
      child_process: ["import { spawn } from 'node:child_process';", 'const cp = require("child_process");', "await import('child_process')"],
    };
    for (const { name, pattern } of FORBIDDEN) {
      for (const sample of samples[name]!) expect(pattern.test(sample), `${name}: ${sample}`).toBe(true);
    }
    expect(FORBIDDEN[2]!.pattern.test("const childProcess = 'none';")).toBe(false);
  });

  it('no source file under src-* calls shell.openExternal/openPath or imports child_process', () => {
    const offenders: string[] = [];
    for (const { name, pattern, dirs } of FORBIDDEN) {
      for (const dir of dirs) {
        for (const file of sourceFiles(path.join(ROOT, dir))) {
          const relative = path.relative(ROOT, file).split(path.sep).join('/');
          if (name === 'child_process' && CHILD_PROCESS_ALLOWED.includes(relative)) continue;
          readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (pattern.test(line)) offenders.push(`${relative}:${i + 1}: ${name}: ${line.trim()}`);
            });
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

/** The fuses electron-builder flips in the packaged binary (electron-builder.yml `electronFuses`); reasons are in that file. */
const EXPECTED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
  resetAdHocDarwinSignature: true,
};

type BuilderConfig = Record<string, unknown> & { electronFuses?: unknown };
interface BuilderConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
}

/**
 * electron-builder's own loader and validator (app-builder-lib, required
 * through electron-builder so it is the copy electron-builder uses): the YAML
 * is read exactly as `npm run package` reads it and checked against the same
 * JSON schema (scheme.json, ajv), without building anything.
 */
function electronBuilderConfig(): BuilderConfigModule {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
  return fromBuilder('app-builder-lib/out/util/config/config') as BuilderConfigModule;
}
const quietDebugLogger = { isEnabled: false, add: () => undefined };

describe('electron-builder configuration', () => {
  let builder: BuilderConfigModule;
  let config: BuilderConfig;

  beforeAll(async () => {
    builder = electronBuilderConfig();
    config = await builder.getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
  });

  it('flips exactly the expected fuses', () => {
    expect(config.electronFuses).toStrictEqual(EXPECTED_FUSES);
  });

  it('packs the app into an asar with integrity hashes, which OnlyLoadAppFromAsar and asar integrity validation rely on', () => {
    expect(config.asar).toBe(true);
    expect(config.disableAsarIntegrity).toBeUndefined();
  });

  it('unpacks the native DuckDB library from the asar (a shared library cannot load from inside it), and only that', () => {
    const unpack = config.asarUnpack as string[];
    const bindings = path.join(ROOT, 'node_modules/@duckdb');
    const binaries = readdirSync(bindings)
      .filter((d) => d.startsWith('node-bindings-'))
      .flatMap((d) => readdirSync(path.join(bindings, d)).map((f) => `node_modules/@duckdb/${d}/${f}`));
    expect(binaries.some((f) => f.endsWith('duckdb.node'))).toBe(true);
    for (const file of binaries)
      expect(
        unpack.some((pattern) => path.matchesGlob(file, pattern)),
        file,
      ).toBe(true);
    for (const other of ['node_modules/@duckdb/node-api/lib/index.js', 'out/main/main.js', 'node_modules/apache-arrow/Arrow.js'])
      expect(
        unpack.some((pattern) => path.matchesGlob(other, pattern)),
        other,
      ).toBe(false);
  });

  it("validates against electron-builder's schema", async () => {
    await expect(builder.validateConfiguration(structuredClone(config), quietDebugLogger)).resolves.toBeUndefined();
  });

  it('the schema check is real: a misspelt or mistyped fuse is rejected', async () => {
    const misspelt = { ...structuredClone(config), electronFuses: { ...EXPECTED_FUSES, runAsnode: false } };
    await expect(builder.validateConfiguration(misspelt, quietDebugLogger)).rejects.toThrow(/configuration\.electronFuses/);
    const mistyped = { ...structuredClone(config), electronFuses: { ...EXPECTED_FUSES, onlyLoadAppFromAsar: 'maybe' } };
    await expect(builder.validateConfiguration(mistyped, quietDebugLogger)).rejects.toThrow(/configuration\.electronFuses/);
  });
});

/**
 * Electron supports only its three newest majors; an unsupported one gets no
 * Chromium security fixes, and the renderer opens files from outside. 45 is the
 * oldest major this app has been checked against (typings, fuses, build);
 * raise it when moving to a newer major, never lower it.
 */
const OLDEST_SUPPORTED_ELECTRON_MAJOR = 45;

describe('Electron version', () => {
  const pinned = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron!;

  it('is pinned exactly, so installers are built with the Electron that was tested', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it(`is a supported major (>= ${OLDEST_SUPPORTED_ELECTRON_MAJOR}): an out-of-support Electron gets no Chromium security fixes`, () => {
    const major = Number(pinned.split('.')[0]);
    expect(major, `electron ${pinned} in package.json is older than the oldest supported major ${OLDEST_SUPPORTED_ELECTRON_MAJOR}`).toBeGreaterThanOrEqual(
      OLDEST_SUPPORTED_ELECTRON_MAJOR,
    );
  });

  it('is the version installed in node_modules (package-lock.json agrees with package.json)', () => {
    const installed = path.join(ROOT, 'node_modules', 'electron', 'package.json');
    expect(existsSync(installed)).toBe(true);
    expect((JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version).toBe(pinned);
  });
});
