import path from 'node:path';
import { startWebServer } from './static-server';

/** `npm run web`: the renderer in your browser, served to this machine only. */
const root = path.resolve(import.meta.dirname, '../..');
const port = Number(process.env.PORT ?? 5199);
const server = await startWebServer(
  [
    { prefix: '', dir: path.join(root, 'out/renderer') },
    { prefix: '/sample-data', dir: path.join(root, 'sample-data') },
  ],
  port,
);
process.stdout.write(`Commissioning Workbench (browser mode) at ${server.url}\nServing on 127.0.0.1 only; press Ctrl+C to stop.\n`);
