import { useEffect, type RefObject } from 'react';
import type { EditorView } from '@codemirror/view';

/** Keep a CodeMirror editor's text in step with the state's: text set from outside (history, a template) replaces the editor's. */
export function useEditorText(view: RefObject<EditorView | null>, value: string): void {
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [view, value]);
}
