'use strict';
/**
 * The code a duckdb-wasm worker thread starts with (see node-duckdb.ts).
 *
 * 1. It gives duckdb-wasm's node worker the Web Worker globals it expects
 *    (`postMessage`, `onmessage`) over worker_threads.
 * 2. It is the file-system half of the engine sandbox. DuckDB's own settings
 *    (ENGINE_SETUP_SQL) stop SQL from naming any file outside the registered
 *    folder, but duckdb-wasm's node runtime opens even registered files with
 *    O_CREAT|O_RDWR, so `COPY … TO` a registered name would overwrite the
 *    user's source file. Once locked, this thread's `fs` opens only the files
 *    registered with it, always read-only, and every call that writes,
 *    creates, deletes or renames anything throws. Lookups of other paths
 *    answer "not found", so nothing about the disk leaks either.
 *
 * Control messages ({ lock }, { allowRead }, { revokeRead }) arrive on the same
 * ordered channel as duckdb-wasm's requests, so a file is allowed before DuckDB
 * hears of it. test/security/engine-sandbox.test.ts proves each part.
 */
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');

const CONTROL_KEY = workerData.controlKey;
const readable = new Set();
let locked = false;

function refusal(code, what) {
  const error = new Error(`${code}: ${what} (refused by the workbench engine sandbox)`);
  error.code = code;
  return error;
}

function pathOf(p) {
  if (typeof p === 'string') return p;
  if (p instanceof URL) return p.pathname;
  if (Buffer.isBuffer(p)) return p.toString();
  return String(p);
}

const originalOpen = fs.openSync;
fs.openSync = function openSync(p, flags, mode) {
  if (!locked) return originalOpen(p, flags, mode);
  const target = pathOf(p);
  if (!readable.has(target)) throw refusal('EACCES', `open ${target}`);
  return originalOpen(target, 'r');
};

const WRITERS = [
  'writeSync',
  'writevSync',
  'writeFileSync',
  'appendFileSync',
  'truncateSync',
  'ftruncateSync',
  'mkdirSync',
  'mkdtempSync',
  'rmdirSync',
  'rmSync',
  'unlinkSync',
  'renameSync',
  'copyFileSync',
  'cpSync',
  'symlinkSync',
  'linkSync',
  'chmodSync',
  'fchmodSync',
  'lchmodSync',
  'chownSync',
  'fchownSync',
  'lchownSync',
  'utimesSync',
  'futimesSync',
  'lutimesSync',
  'open',
  'write',
  'writev',
  'writeFile',
  'appendFile',
  'truncate',
  'ftruncate',
  'mkdir',
  'mkdtemp',
  'rmdir',
  'rm',
  'unlink',
  'rename',
  'copyFile',
  'cp',
  'symlink',
  'link',
  'chmod',
  'chown',
  'utimes',
  'createWriteStream',
  'createReadStream',
];
for (const name of WRITERS) {
  const original = fs[name];
  if (typeof original !== 'function') continue;
  fs[name] = function lockedWriter(...args) {
    if (locked) throw refusal('EACCES', `${name} ${typeof args[0] === 'number' ? `fd ${args[0]}` : pathOf(args[0])}`);
    return original.apply(fs, args);
  };
}

const LOOKUPS = ['statSync', 'lstatSync', 'readdirSync', 'opendirSync', 'readFileSync', 'realpathSync', 'accessSync', 'readlinkSync'];
for (const name of LOOKUPS) {
  const original = fs[name];
  if (typeof original !== 'function') continue;
  fs[name] = function lockedLookup(...args) {
    if (locked && !readable.has(pathOf(args[0]))) throw refusal('ENOENT', `${name} ${pathOf(args[0])}`);
    return original.apply(fs, args);
  };
}

const originalExists = fs.existsSync;
fs.existsSync = function existsSync(p) {
  return locked ? readable.has(pathOf(p)) : originalExists(p);
};

for (const name of Object.keys(fs.promises)) {
  const original = fs.promises[name];
  if (typeof original !== 'function') continue;
  fs.promises[name] = async function lockedPromise(...args) {
    if (locked) throw refusal('EACCES', `promises.${name} ${pathOf(args[0])}`);
    return original.apply(fs.promises, args);
  };
}

globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
parentPort.on('message', (data) => {
  const control = data !== null && typeof data === 'object' ? data[CONTROL_KEY] : undefined;
  if (control) {
    if (control.lock === true) locked = true;
    if (typeof control.allowRead === 'string') readable.add(control.allowRead);
    if (typeof control.revokeRead === 'string') readable.delete(control.revokeRead);
    return;
  }
  if (globalThis.onmessage) globalThis.onmessage({ data });
});

if (!workerData.debug) {
  // duckdb-wasm's runtime logs every failed file operation; the engine reports errors itself.
  // eslint-disable-next-line no-console -- silencing, not logging
  console.log = () => {};
  console.error = () => {};
  console.warn = () => {};
}
require(workerData.script);
