// A table that may scroll inside its own box: keyboard users reach it (tabIndex 0, WCAG 2.1.1)
// and screen readers hear what it holds (a region named by its heading or a label), so the page
// itself never scrolls sideways at 320 px (1.4.10 reflow) while wide tables still fit.
import type { ReactNode } from "react";
import { useT } from "./i18n";

const TEXTS = { da: { table: "Tabel" }, en: { table: "Table" } };

export function ScrollRegion({ label, labelledBy, className, children }: {
  /** The region's name; or `labelledBy`, the id of the heading that names it. */
  label?: string;
  labelledBy?: string;
  className?: string;
  children: ReactNode;
}) {
  const t = useT(TEXTS);
  return (
    <div
      className={className ? `table-wrap ${className}` : "table-wrap"}
      role="region"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label ?? t.table}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
