import { Fragment } from 'react';

/**
 * A name in the sidebar: it wraps between words and after the underscores of
 * a table name (`somerset_activity_by_` / `year`), never inside a word; more
 * than two lines end in an ellipsis, and the whole name is its tooltip.
 */
export function SidebarName({ name }: { name: string }) {
  const parts = name.split(/(?<=_)/);
  return (
    <span className="dataset-name" title={name}>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
