import { mdcIconForLabel } from '../../../src-shared/analysis/spc/icons';

/** A Making Data Count icon (coloured ring and letter) beside its words, as the SPC summary shows it. */
export function MdcIconCell({ label }: { label: string }) {
  const icon = mdcIconForLabel(label);
  if (!icon) return <>{label}</>;
  return (
    <span className="mdc-icon">
      <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" focusable="false">
        <circle cx="11" cy="11" r="9.5" fill="#FFFFFF" stroke={icon.colour} strokeWidth="2.5" />
        <text x="11" y="11" textAnchor="middle" dominantBaseline="central" fontSize="11" fontWeight="bold" fill={icon.colour}>
          {icon.letter}
        </text>
      </svg>
      <span>{label}</span>
    </span>
  );
}
