import type { StateCreator } from 'zustand';
import { suggestMapping } from '../../src-shared/analysis/mapping';
import { viewTemplate } from '../../src-shared/analysis/registry';
import type { FieldMapping, TableInfo, ViewResult, ViewSpec } from '../../src-shared/analysis/view-types';
import { isAbortError } from '../../src-shared/engine/engine';
import type { JsonValue } from '../../src-shared/format/plain-json';
import { getEngine } from '../engine/engine-service';
import { newId } from './charts-slice';
import type { WorkbenchState } from './store';

export interface ViewDoc {
  id: string;
  spec: ViewSpec;
}

export type ViewRunState =
  | { status: 'running' }
  | { status: 'error'; message: string }
  | { status: 'ready'; result: ViewResult };

export interface ViewsSlice {
  views: ViewDoc[];
  viewResults: Record<string, ViewRunState>;
  /** Start a view on loaded tables, with columns recognised or suggested for its roles; returns its id. */
  createView(template: string, tables: string[]): string;
  addView(spec: ViewSpec, id?: string): string;
  updateView(id: string, patch: Partial<Pick<ViewSpec, 'tables' | 'mapping' | 'params'>>): void;
  deleteView(id: string): void;
  runView(id: string): Promise<void>;
  tableInfos(tables: string[]): TableInfo[];
}

const running = new Map<string, AbortController>();

export const createViewsSlice: StateCreator<WorkbenchState, [], [], ViewsSlice> = (set, get) => ({
  views: [],
  viewResults: {},

  tableInfos(tables) {
    return tables.map((table) => ({ table, columns: get().columnsOf(table) }));
  },

  createView(templateId, tables) {
    const template = viewTemplate(templateId);
    if (!template) throw new Error(`No view called ${templateId}`);
    const infos = get().tableInfos(tables);
    const mapping: FieldMapping = suggestMapping(template.roles, infos, template.recognise?.(infos) ?? {});
    return get().addView({ template: templateId, tables, mapping, params: {} });
  },

  addView(spec, id = newId('view')) {
    set((s) => ({ views: [...s.views, { id, spec }], focus: { kind: 'view', id } }));
    void get().runView(id);
    return id;
  },

  updateView(id, patch) {
    set((s) => ({ views: s.views.map((v) => (v.id === id ? { ...v, spec: { ...v.spec, ...patch } } : v)) }));
    void get().runView(id);
  },

  deleteView(id) {
    running.get(id)?.abort();
    set((s) => {
      const { [id]: _gone, ...viewResults } = s.viewResults;
      return { views: s.views.filter((v) => v.id !== id), viewResults, focus: s.focus?.kind === 'view' && s.focus.id === id ? null : s.focus };
    });
  },

  async runView(id) {
    const doc = get().views.find((v) => v.id === id);
    if (!doc) return;
    running.get(id)?.abort();
    const controller = new AbortController();
    running.set(id, controller);
    const setState = (state: ViewRunState) => set((s) => ({ viewResults: { ...s.viewResults, [id]: state } }));
    setState({ status: 'running' });
    try {
      const template = viewTemplate(doc.spec.template);
      if (!template) throw new Error(`No view called ${doc.spec.template}`);
      const params = template.parseParams(doc.spec.params as Record<string, JsonValue>);
      const engine = await getEngine();
      const result = await template.run(engine, { ...doc.spec, params }, { signal: controller.signal });
      if (running.get(id) !== controller) return;
      setState({ status: 'ready', result });
    } catch (error) {
      if (isAbortError(error) || running.get(id) !== controller) return;
      setState({ status: 'error', message: (error as Error).message });
    } finally {
      if (running.get(id) === controller) running.delete(id);
    }
  },
});
