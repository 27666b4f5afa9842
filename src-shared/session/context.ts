import type { StoreApi } from 'zustand/vanilla';
import type { ViewTemplate } from '../analysis/view-types';
import type { Engine } from '../engine/engine';
import type { ImportService } from '../import/import-service';
import type { QueryCoordinator } from './coordinator';
import type { Clock, SessionPlatform } from './platform';
import type { SessionState } from './state';

/** What every slice of the session is built with: the store's get/set and the session's dependencies. */
export interface SessionContext {
  set: StoreApi<SessionState>['setState'];
  get: StoreApi<SessionState>['getState'];
  /** The engine, once open (the app opens it while the window is already showing). */
  engine(): Promise<Engine>;
  importer(): Promise<ImportService>;
  coordinator: QueryCoordinator;
  platform: SessionPlatform;
  clock: Clock;
  templates: readonly ViewTemplate[];
  /** A new id for a chart, view or report item, unique in this session. */
  newId(prefix: string): string;
}
