import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { sql, StandardSQL } from '@codemirror/lang-sql';
import { bracketMatching, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { useEditorText } from './codemirror-text';

/** Tables and their columns, for completion. */
export type SqlSchema = Record<string, readonly string[]>;

export interface SqlCodeEditorHandle {
  /** Put the cursor at an offset (an error's place) and focus the editor. */
  focusAt(offset: number, length?: number): void;
}

/**
 * The SQL text as CodeMirror 6 edits it: SQL highlighting, completion of
 * the loaded tables and their columns (and keywords), bracket matching,
 * undo, and Ctrl+Enter (⌘+Enter) to run — the selection when there is one,
 * else everything. The text lives in the session; this mirrors it.
 */
export function SqlCodeEditor({
  value,
  schema,
  example,
  onChange,
  onRun,
  ref,
}: {
  value: string;
  schema: SqlSchema;
  example: string;
  onChange(text: string): void;
  onRun(range: { from: number; to: number } | null): void;
  ref?: Ref<SqlCodeEditorHandle>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const callbacks = useRef({ onChange, onRun });
  useEffect(() => {
    callbacks.current = { onChange, onRun };
  });

  useEffect(() => {
    if (!host.current) return undefined;
    const run = (v: EditorView) => {
      const sel = v.state.selection.main;
      callbacks.current.onRun(sel.empty ? null : { from: sel.from, to: sel.to });
      return true;
    };
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion({ activateOnTyping: true }),
          syntaxHighlighting(defaultHighlightStyle),
          placeholder(example),
          language.current.of(sql({ dialect: StandardSQL, schema: {}, upperCaseKeywords: true })),
          keymap.of([{ key: 'Mod-Enter', run, preventDefault: true }, ...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, ...defaultKeymap]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ 'aria-label': 'SQL', 'data-testid': 'sql-text', spellcheck: 'false' }),
          EditorView.theme({
            '&': { fontSize: '13px', border: '1px solid #768692', borderRadius: '4px', background: '#fff' },
            '.cm-content': { minHeight: '140px' },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once; the text and the schema are kept in step below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Completion knows the tables loaded now.
  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: StandardSQL, schema: { ...schema }, upperCaseKeywords: true })) });
  }, [schema]);

  useEditorText(view, value);

  useImperativeHandle(
    ref,
    () => ({
      focusAt(offset, length = 0) {
        const v = view.current;
        if (!v) return;
        const at = Math.min(offset, v.state.doc.length);
        v.dispatch({ selection: EditorSelection.range(at, Math.min(at + length, v.state.doc.length)), scrollIntoView: true });
        v.focus();
      },
    }),
    [],
  );

  return <div ref={host} className="sql-code" />;
}
