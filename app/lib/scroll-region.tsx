// A table that may scroll inside its own box: keyboard users reach it (tabIndex 0, WCAG 2.1.1)
// and screen readers hear what it holds (a named region), so the page itself never scrolls
// sideways at 320 px (1.4.10 reflow) while wide tables still fit.
import type { ReactNode } from "react";

export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable
    <div className={className ? `table-wrap ${className}` : "table-wrap"} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
