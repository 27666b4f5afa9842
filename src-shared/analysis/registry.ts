import { peersTemplate } from './peers';
import type { ViewTemplate } from './view-types';

/** Every benchmark view the app, the CLI and workbooks can run. */
export const VIEW_TEMPLATES: readonly ViewTemplate[] = [peersTemplate];

export function viewTemplate(id: string): ViewTemplate | undefined {
  return VIEW_TEMPLATES.find((t) => t.id === id);
}
