// Makes sure Electron's runtime is present before `npm start`. `npm ci` skips
// its download (package.json "allowScripts") so installs work offline; on a
// networked machine the runtime is fetched here on first launch.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(electronDir, 'path.txt');
const installed = existsSync(pathFile) && existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

if (!installed) {
  console.log('Fetching the Electron runtime (first launch only)…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  if (result.status !== 0) {
    console.error(
      '\nCould not download the Electron runtime: this machine seems to be offline.\n' +
        'Use browser mode instead (npm run web), or install the app from an installer built on a networked machine (npm run package).',
    );
    process.exit(1);
  }
}
