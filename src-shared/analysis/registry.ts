import { dtocTemplate } from './dtoc/template';
import { growthTemplate } from './growth/template';
import { peersTemplate } from './peers';
import type { ViewTemplate } from './view-types';
import { workforceTemplate } from './workforce/template';

/** Every benchmark view the app, the CLI and workbooks can run. */
export const VIEW_TEMPLATES: readonly ViewTemplate[] = [peersTemplate, dtocTemplate, growthTemplate, workforceTemplate];

export function viewTemplate(id: string): ViewTemplate | undefined {
  return VIEW_TEMPLATES.find((t) => t.id === id);
}
