import { mappingProblems, suggestMapping } from '../../analysis/mapping';
import type { FieldMapping, TableInfo, ViewResult, ViewSpec } from '../../analysis/view-types';
import type { SessionContext } from '../context';

export interface ViewDoc {
  id: string;
  spec: ViewSpec;
  /** The workbook's title for the view, when it differs from the result's. */
  title?: string;
}

export type ViewRunState = { status: 'running' } | { status: 'error'; message: string } | { status: 'ready'; result: ViewResult };

export interface ViewsSlice {
  views: ViewDoc[];
  viewResults: Record<string, ViewRunState>;
  /** Start a view on loaded tables, with columns recognised or suggested for its roles; returns its id. */
  createView(template: string, tables: string[]): string;
  addView(spec: ViewSpec, id?: string, title?: string): string;
  /**
   * Change a view's tables, mapping or settings. New tables get their roles suggested again (as a new
   * view does), keeping the roles whose columns the tables still have.
   */
  updateView(id: string, patch: Partial<Pick<ViewSpec, 'tables' | 'mapping' | 'params'>>): void;
  /** Rename a view: names are unique (ignoring case); resolves to null, or to why not. */
  renameView(id: string, title: string): string | null;
  /** What a view is called: its own name, else its template's title and its tables. */
  viewName(id: string): string;
  deleteView(id: string): void;
  /** Compute the view (a newer run supersedes a running one). Resolves when settled. */
  runView(id: string): Promise<void>;
  tableInfos(tables: string[]): TableInfo[];
}

export function viewsSlice({ set, get, coordinator, templates, newId }: SessionContext): ViewsSlice {
  const client = (id: string) => `view:${id}`;
  const templateOf = (id: string) => templates.find((t) => t.id === id);
  /** A view's name until it has one of its own: its template and tables. */
  const defaultName = (template: string, tables: readonly string[]) => `${templateOf(template)?.title ?? template} · ${tables.join(', ')}`;
  const setState = (id: string, state: ViewRunState) => set((s) => ({ viewResults: { ...s.viewResults, [id]: state } }));

  return {
    views: [],
    viewResults: {},

    tableInfos(tables) {
      return tables.map((table) => ({ table, columns: get().columnsOf(table) }));
    },

    createView(templateId, tables) {
      const template = templateOf(templateId);
      if (!template) throw new Error(`No view called ${templateId}`);
      const infos = get().tableInfos(tables);
      const mapping: FieldMapping = suggestMapping(template.roles, infos, template.recognise?.(infos) ?? {});
      // Names are unique: a second "Workforce · workforce_trusts" is "… (2)".
      const base = defaultName(templateId, tables);
      const taken = new Set(get().views.map((v) => get().viewName(v.id).toLowerCase()));
      let title = base;
      for (let n = 2; taken.has(title.toLowerCase()); n++) title = `${base} (${n})`;
      return get().addView({ template: templateId, tables, mapping, params: {} }, undefined, title === base ? undefined : title);
    },

    viewName(id) {
      const doc = get().views.find((v) => v.id === id);
      if (!doc) return '';
      return doc.title ?? defaultName(doc.spec.template, doc.spec.tables);
    },

    renameView(id, title) {
      const name = title.trim();
      if (name === '') return 'A view needs a name.';
      const clash = get().views.find((v) => v.id !== id && get().viewName(v.id).toLowerCase() === name.toLowerCase());
      if (clash) return `Another view is already called “${get().viewName(clash.id)}”: choose another name.`;
      set((s) => ({ views: s.views.map((v) => (v.id === id ? { ...v, title: name } : v)) }));
      get().markDirty();
      return null;
    },

    addView(spec, id = newId('view'), title) {
      set((s) => ({ views: [...s.views, { id, spec, ...(title !== undefined ? { title } : {}) }], focus: { kind: 'view', id } }));
      void get().runView(id);
      return id;
    },

    updateView(id, patch) {
      const doc = get().views.find((v) => v.id === id);
      if (!doc) return;
      const next = { ...doc.spec, ...patch };
      if (patch.tables && patch.mapping === undefined && patch.tables.join('\u0000') !== doc.spec.tables.join('\u0000')) {
        const template = templateOf(doc.spec.template);
        const infos = get().tableInfos(patch.tables);
        const columns = new Set(infos.flatMap((t) => t.columns.map((c) => c.name)));
        const kept = Object.fromEntries(Object.entries(doc.spec.mapping).filter(([, column]) => columns.has(column)));
        next.mapping = template ? suggestMapping(template.roles, infos, { ...(template.recognise?.(infos) ?? {}), ...kept }) : kept;
      }
      set((s) => ({ views: s.views.map((v) => (v.id === id ? { ...v, spec: next } : v)) }));
      void get().runView(id);
    },

    deleteView(id) {
      coordinator.cancel(client(id));
      set((s) => {
        const { [id]: _gone, ...viewResults } = s.viewResults;
        return { views: s.views.filter((v) => v.id !== id), viewResults, focus: s.focus?.kind === 'view' && s.focus.id === id ? null : s.focus };
      });
    },

    runView(id) {
      const doc = get().views.find((v) => v.id === id);
      if (!doc) return Promise.resolve();
      return coordinator.run(
        client(id),
        async (ctx) => {
          const template = templateOf(doc.spec.template);
          if (!template) throw new Error(`there is no view template "${doc.spec.template}" (templates: ${templates.map((t) => t.id).join(', ')})`);
          const problems = mappingProblems(template.roles, get().tableInfos(doc.spec.tables), doc.spec.mapping);
          if (problems.length > 0) throw new Error(problems.join(' '));
          const params = template.parseParams(doc.spec.params);
          return template.run({ query: (sql) => ctx.query(sql) }, { ...doc.spec, params }, { signal: ctx.signal });
        },
        (state) =>
          setState(id, state.status === 'pending' ? { status: 'running' } : state.status === 'ready' ? { status: 'ready', result: state.value } : state),
      );
    },
  };
}
