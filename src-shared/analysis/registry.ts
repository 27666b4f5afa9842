import { dtocTemplate } from './dtoc/template';
import { growthTemplate } from './growth/template';
import { peersTemplate } from './peers';
import type { ViewTemplate } from './view-types';
import { workforceTemplate } from './workforce/template';
import { funnelTemplate } from './funnel/template';
import { spcTemplate } from './spc/template';

/**
 * Every benchmark view the app, the CLI and workbooks can run: the one place
 * that lists them. A new view is its own folder plus one line here.
 */
export const VIEW_TEMPLATES: readonly ViewTemplate[] = [peersTemplate, dtocTemplate, growthTemplate, workforceTemplate, spcTemplate, funnelTemplate];

/** The template with this id, if there is one. */
export function viewTemplate(id: string): ViewTemplate | undefined {
  return VIEW_TEMPLATES.find((t) => t.id === id);
}
