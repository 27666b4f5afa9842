/**
 * `npm run web`: the renderer in your browser, served to this machine only.
 * Exits non-zero with one line on stderr when it cannot listen.
 */
import path from 'node:path';
import { workbenchMounts } from '../mounted-path';
import { runWebServer } from './static-server';

const DEFAULT_PORT = 5199;

/** The port PORT names (DEFAULT_PORT when unset), or null when it is not a whole number from 0 to 65535. */
function portFrom(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  if (!/^\d+$/.test(value.trim())) return null;
  const port = Number(value);
  return port <= 65535 ? port : null;
}

const root = path.resolve(import.meta.dirname, '../..');
const port = portFrom(process.env.PORT);
if (port === null) {
  process.stderr.write(`PORT=${process.env.PORT} is not a port number: choose one from 1024 to 65535, e.g. PORT=5200 npm run web\n`);
  process.exitCode = 1;
} else {
  const server = await runWebServer({
    port,
    mounts: workbenchMounts(path.join(root, 'out/renderer'), path.join(root, 'sample-data')),
    stdout: process.stdout,
    stderr: process.stderr,
  });
  if (!server) process.exitCode = 1;
}
