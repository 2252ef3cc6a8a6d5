import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "../../i18n.js";
import { takeNavigationFocus } from "../../router.js";

/** The page's h1; sets the document title and takes focus after an in-app navigation. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeNavigationFocus()) ref.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
  return (
    <div className="page-heading">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children ? <div className="page-intro">{children}</div> : null}
    </div>
  );
}
