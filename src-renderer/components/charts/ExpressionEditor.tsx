import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type Completion, type CompletionContext } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEditorText } from '../codemirror-text';

export interface ExpressionEditorHandle {
  /** Put text at the cursor (or over the selection) and focus the editor. */
  insert(text: string): void;
}

/** What completion offers: the table's fields (written `[name]`), functions and, for measures, the chart's other measures. */
export interface ExpressionVocabulary {
  fields: readonly { name: string; kind: string }[];
  functions: readonly string[];
  measures?: readonly string[];
}

/** Put a field in, taking the `]` the editor closed for `[` with it, so the name is not left with two. */
function applyField(text: string) {
  return (view: EditorView, _c: Completion, from: number, to: number) => {
    const end = view.state.sliceDoc(to, to + 1) === ']' ? to + 1 : to;
    view.dispatch({ changes: { from, to: end, insert: text }, selection: { anchor: from + text.length } });
  };
}

function options(v: ExpressionVocabulary): Completion[] {
  return [
    ...v.fields.map((f) => ({ label: `[${f.name}]`, type: 'variable', detail: f.kind, apply: applyField(`[${f.name}]`) })),
    ...v.functions.map((f) => ({ label: f, apply: `${f}(`, type: 'function', detail: 'function' })),
    ...(v.measures ?? []).map((m) => ({ label: m, type: 'constant', detail: 'measure' })),
  ];
}

/**
 * A calculated field's expression, edited in CodeMirror: completion of field
 * names (in brackets, so names with spaces work), functions and measures as
 * you type (or Ctrl+Space), closing brackets, undo. The text is the parent's.
 */
export function ExpressionEditor({
  value,
  onChange,
  vocabulary,
  example,
  label,
  testId,
  invalid,
  describedBy,
  ref,
}: {
  value: string;
  onChange(text: string): void;
  vocabulary: ExpressionVocabulary;
  example: string;
  label: string;
  testId: string;
  invalid: boolean;
  describedBy: string;
  ref?: Ref<ExpressionEditorHandle>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const words = useRef(new Compartment());
  const attributes = useRef(new Compartment());
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });

  const completionFor = (v: ExpressionVocabulary) =>
    autocompletion({
      activateOnTyping: true,
      override: [
        (ctx: CompletionContext) => {
          const word = ctx.matchBefore(/\[[^\]]*|[A-Za-z_][A-Za-z0-9_]*/);
          if (!word || (word.from === word.to && !ctx.explicit)) return null;
          return { from: word.from, options: options(v), validFor: /^(\[[^\]]*|[A-Za-z_][A-Za-z0-9_]*)$/ };
        },
      ],
    });
  const attrs = (isInvalid: boolean) =>
    EditorView.contentAttributes.of({
      'aria-label': label,
      'data-testid': testId,
      'aria-invalid': String(isInvalid),
      'aria-describedby': describedBy,
      spellcheck: 'false',
    });

  useEffect(() => {
    if (!host.current) return undefined;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          words.current.of(completionFor(vocabulary)),
          attributes.current.of(attrs(invalid)),
          placeholder(example),
          EditorView.lineWrapping,
          keymap.of([...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, ...defaultKeymap]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
          EditorView.theme({
            '&': { fontSize: '13px', border: '1px solid #768692', borderRadius: '4px', background: '#fff' },
            '.cm-content': { minHeight: '54px', fontFamily: "ui-monospace, 'Cascadia Mono', Consolas, monospace" },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Made once; text, vocabulary and validity are kept in step below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: words.current.reconfigure(completionFor(vocabulary)) });
  }, [vocabulary]);
  useEffect(() => {
    view.current?.dispatch({ effects: attributes.current.reconfigure(attrs(invalid)) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [invalid]);
  useEditorText(view, value);

  useImperativeHandle(
    ref,
    () => ({
      insert(text) {
        const v = view.current;
        if (!v) return;
        v.dispatch(v.state.replaceSelection(text));
        v.focus();
      },
    }),
    [],
  );

  return <div ref={host} className="expression-editor" />;
}
