import { useEffect, useRef, useState } from "react";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { formatNum, formatPercent } from "./planFormat.js";
import type { Explanation } from "./plan.types.js";

export interface ExplainTarget {
  level: "plan" | "theme";
  /** The theme's id (level theme). */
  id?: number;
  title: string;
}

/**
 * How a progress figure is computed: each part's weight, value and contribution, whose
 * sum is the figure. A modal dialog (Escape closes it; focus returns to the figure clicked).
 * From the plan's explanation, each theme opens its own.
 */
export function ExplainDialog({ planId, target, onClose }: { planId: number; target: ExplainTarget; onClose: () => void }) {
  const { locale, t } = useLocale();
  const ref = useRef<HTMLDialogElement>(null);
  const [stack, setStack] = useState<ExplainTarget[]>([target]);
  const current = stack[stack.length - 1]!;
  const query = current.level === "theme" ? { level: "theme", id: current.id } : { level: "plan" };
  const explain = useResource<Explanation>(`/api/plan/plans/${planId}/progress/explain`, query, locale);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Removed from the page, an open dialog closes by itself: no clean-up (it would fire onClose twice).
    if (!dialog.open) dialog.showModal();
  }, []);

  const data = explain.data && explain.data.level === current.level ? explain.data : null;
  const total = data?.parts.filter((p) => p.counted).reduce((sum, p) => sum + p.weight, 0) ?? 0;
  return (
    <dialog ref={ref} className="explain-dialog" aria-labelledby="explain-title" onClose={onClose} data-testid="explain-dialog">
      <h2 id="explain-title">{t("planWeb.explain.title", { name: current.title })}</h2>
      <p className="muted">{t("planWeb.explain.method")}</p>
      <ErrorAlert error={explain.error} />
      {data ? (
        <>
          <div className="table-wrap">
            <table className="data-table">
              <caption>{t("planWeb.explain.caption", { value: formatPercent(locale, data.value, 2) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(current.level === "plan" ? "planWeb.label.theme" : "planWeb.label.measure")}</th>
                  <th scope="col" className="num">
                    {t("planWeb.explain.weight")}
                  </th>
                  <th scope="col" className="num">
                    {t("planWeb.explain.value")}
                  </th>
                  <th scope="col" className="num">
                    {t("planWeb.explain.contribution")}
                  </th>
                  <th scope="col">{t("planWeb.explain.counted")}</th>
                </tr>
              </thead>
              <tbody>
                {data.parts.map((p) => (
                  <tr key={`${p.kind}-${p.id}`}>
                    <th scope="row">
                      {p.kind === "theme" ? (
                        <button type="button" className="button-link" onClick={() => setStack((s) => [...s, { level: "theme", id: p.id, title: p.label }])}>
                          {p.label}
                        </button>
                      ) : (
                        p.label
                      )}
                    </th>
                    <td className="num">{formatNum(locale, p.weight, 3)}</td>
                    <td className="num">{formatPercent(locale, p.value, 2)}</td>
                    <td className="num">{p.counted ? formatPercent(locale, p.contribution, 3) : "–"}</td>
                    <td>{p.counted ? t("common.yes") : t(`planWeb.explain.reason.${p.reason ?? "other"}`)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("planWeb.explain.total")}</th>
                  <td className="num">{formatNum(locale, total, 3)}</td>
                  <td />
                  <td className="num">
                    <strong>{formatPercent(locale, data.value, 3)}</strong>
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="field-hint">{t("planWeb.explain.formula")}</p>
        </>
      ) : explain.error ? null : (
        <p role="status" className="muted">
          {t("app.loading")}
        </p>
      )}
      <div className="button-row">
        {stack.length > 1 ? (
          <button type="button" className="button button-secondary" onClick={() => setStack((s) => s.slice(0, -1))}>
            {t("planWeb.explain.back")}
          </button>
        ) : null}
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          {t("common.close")}
        </button>
      </div>
    </dialog>
  );
}
