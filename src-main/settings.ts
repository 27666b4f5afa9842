import { promises as fs } from 'node:fs';
import { z } from 'zod';
import type { EngineKind } from '../src-shared/engine/engine';
import { atomicWriteFile } from './atomic-write';

/**
 * The app's own settings, in its data folder (settings.json). Today: which
 * engine the desktop app runs. `--engine=wasm|native` on the command line or
 * WORKBENCH_ENGINE override the file for one run.
 */

const settingsSchema = z.object({ engine: z.enum(['native', 'wasm']).optional() });
export type Settings = z.infer<typeof settingsSchema>;

export async function readSettings(file: string): Promise<Settings> {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function writeSettings(file: string, settings: Settings): Promise<void> {
  await atomicWriteFile(file, `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`);
}

/** The engine to run: the command line, then the environment, then the settings file, then native. */
export function enginePreference(settings: Settings, argv: readonly string[], env: NodeJS.ProcessEnv): EngineKind {
  const flag = argv.find((a) => a.startsWith('--engine='))?.slice('--engine='.length);
  for (const candidate of [flag, env.WORKBENCH_ENGINE, settings.engine]) if (candidate === 'native' || candidate === 'wasm') return candidate;
  return 'native';
}
