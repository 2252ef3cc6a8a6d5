import type { ReactNode } from "react";
import { ApiError } from "../../api.js";
import { useT } from "../../i18n.js";

/** The server's message for a failed request (already in the reader's language), announced to screen readers. */
export function errorText(t: (key: string, params?: Record<string, unknown>) => string, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.userMessage) return error.userMessage;
    return t(error.code === "unavailable" ? "errors.unavailable" : "web.unexpectedError");
  }
  return t("web.unexpectedError");
}

interface Props {
  error: unknown;
  /** Field names shown next to their inputs; other field problems are listed here. */
  shownFields?: string[];
  /** Placed in an existing aria-live region (which announces it), so no role="alert" of its own. */
  inLiveRegion?: boolean;
}

export function ErrorAlert({ error, shownFields = [], inLiveRegion = false }: Props) {
  const t = useT();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const shown = new Set(shownFields.flatMap((f) => [f, `body.${f}`, `query.${f}`]));
  const others = apiError?.fields.filter((f) => !shown.has(f.field) && f.message) ?? [];
  return (
    <div className="alert alert-error" role={inLiveRegion ? undefined : "alert"}>
      <p>{errorText(t, error)}</p>
      {others.length ? (
        <ul>
          {others.map((f) => (
            <li key={f.field + f.key}>
              <code>{f.field.replace(/^(body|query|param)\./, "")}</code> : {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {apiError?.requestId && apiError.status >= 500 ? <p className="muted">{t("web.reference", { requestId: apiError.requestId })}</p> : null}
    </div>
  );
}

/** A polite status line (saved, copied...). */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
