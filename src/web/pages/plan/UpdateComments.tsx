import { useId } from "react";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { nameOf } from "./planFormat.js";
import type { UpdateComment } from "./plan.types.js";

/** An agency comment still waiting for the organisation's answer. */
export const isOpen = (c: UpdateComment) => c.kind === "return" && !c.resolved;

/** The comments made on one field of an update, shown next to that field, with an answer box per open comment. */
export function FieldComments({
  comments,
  answers,
  onAnswer,
  answerError,
}: {
  comments: UpdateComment[];
  /** Answers typed so far, by comment id; without `onAnswer` the thread is read-only. */
  answers?: Record<number, string>;
  onAnswer?: (commentId: number, body: string) => void;
  answerError?: string | undefined;
}) {
  const { locale, t } = useLocale();
  if (!comments.length) return null;
  return (
    <ul className="comment-thread" aria-label={t("planWeb.comments.label")}>
      {comments.map((c) => (
        <li key={c.id} className={`comment comment-${c.kind}${isOpen(c) ? " comment-open" : ""}`} data-testid={`comment-${c.field}`}>
          <p className="comment-meta">
            <strong>{t(c.kind === "return" ? "planWeb.comments.returned" : "planWeb.comments.answer")}</strong>{" "}
            <span className="muted">
              {[nameOf(c.author.name), nameOf(c.author.organisation)].filter(Boolean).join(", ")} · {formatDateTime(locale, c.createdAt)} ·{" "}
              {t("planWeb.comments.version", { version: c.version })}
            </span>
            {c.kind === "return" ? (
              <span className={`badge ${c.resolved ? "badge-ok" : "badge-warn"}`}>{t(c.resolved ? "planWeb.comments.resolved" : "planWeb.comments.open")}</span>
            ) : null}
          </p>
          <p className="comment-body prewrap">{c.body}</p>
          {isOpen(c) && onAnswer ? <AnswerBox value={answers?.[c.id] ?? ""} onChange={(v) => onAnswer(c.id, v)} error={answerError} /> : null}
        </li>
      ))}
    </ul>
  );
}

function AnswerBox({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const { t } = useLocale();
  const id = useId();
  const showError = error && !value.trim();
  return (
    <div className="field answer-box">
      <label htmlFor={id}>{t("planWeb.comments.yourAnswer")}</label>
      <textarea
        id={id}
        rows={2}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={showError ? true : undefined}
        aria-describedby={showError ? `${id}-error` : undefined}
      />
      {showError ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
