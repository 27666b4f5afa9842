import { PRELOAD_GLOBAL, type PreloadApi } from '../../src-shared/ipc/preload-api';
import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform } from './electron-platform';
import type { WorkbenchPlatform } from './types';

/** The one place that decides which host the renderer runs in. */
export function detectPlatform(): WorkbenchPlatform {
  const api = (globalThis as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  return api ? createElectronPlatform(api) : createBrowserPlatform();
}

export const platform: WorkbenchPlatform = detectPlatform();
export type { PickedFile, WorkbenchPlatform } from './types';
