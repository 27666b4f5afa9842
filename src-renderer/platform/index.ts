import { PRELOAD_GLOBAL, type PreloadApi } from '../../src-shared/ipc/preload-api';
import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform } from './electron-platform';
import type { WorkbenchPlatform } from './types';

declare const __APP_VERSION__: string;

/** The one place that decides which host the renderer runs in. */
export function detectPlatform(): WorkbenchPlatform {
  const api = (globalThis as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  return api ? createElectronPlatform(api) : createBrowserPlatform(typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev');
}

export const platform: WorkbenchPlatform = detectPlatform();
export type { PickedFile, WorkbenchPlatform } from './types';
