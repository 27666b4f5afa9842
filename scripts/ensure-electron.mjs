// Makes sure Electron's runtime is present before `npm start`. `npm ci` skips
// its download (package.json "allowScripts") so installs work offline; on a
// networked machine the runtime is fetched here on first launch. Offline, the
// downloader's stack trace is not shown: one message says what to do instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(electronDir, 'path.txt');
const installed = existsSync(pathFile) && existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

/** Whether the downloader failed for want of a network (rather than, say, a full disk). */
export function isOfflineFailure(stderr) {
  return /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|RequestError|getaddrinfo/i.test(stderr);
}

if (!installed) {
  console.log('Fetching the Electron runtime (first launch only)…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  if (result.status !== 0) {
    const stderr = result.stderr ?? '';
    if (isOfflineFailure(stderr)) {
      console.error(
        'Could not download the Electron runtime: this machine seems to be offline.\n' +
          'Use browser mode instead (npm run web), or install the app from an installer built on a networked machine (npm run package).',
      );
    } else {
      // Not a network problem: show what the downloader said, it is the useful part.
      process.stderr.write(stderr);
      console.error('\nCould not install the Electron runtime (see above).');
    }
    process.exit(1);
  }
}
