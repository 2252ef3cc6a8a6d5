import { useId, type ComponentProps, type RefObject, type TextareaHTMLAttributes } from "react";
import { measureStatuses } from "../../../shared/plan.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { useT } from "../../i18n.js";

/** A labelled multi-line text box with its hint and error (the shared fields have no textarea). */
export function TextAreaField({
  label,
  hint,
  error,
  className,
  ...area
}: { label: string; hint?: string; error?: string | undefined } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} rows={4} {...area} />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled file input whose hint (the size limit) turns into the error when the chosen file is too big. */
export function FileField({
  label,
  accept,
  inputRef,
  hint,
  tooBig,
  onChoose,
}: {
  label: string;
  accept: string;
  inputRef: RefObject<HTMLInputElement | null>;
  hint: string;
  tooBig: boolean;
  onChoose: (file: File | null) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} ref={inputRef} type="file" accept={accept} aria-describedby={`${id}-hint`} onChange={(e) => onChoose(e.target.files?.[0] ?? null)} />
      <p id={`${id}-hint`} className={tooBig ? "field-error" : "field-hint"}>
        {hint}
      </p>
    </div>
  );
}

/** A measure's status, chosen among the plan's statuses. */
export function MeasureStatusField(props: Omit<ComponentProps<typeof SelectField>, "label" | "choices">) {
  const t = useT();
  return <SelectField label={t("plan.field.status")} choices={measureStatuses.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))} {...props} />;
}

/** A measure's progress in percent: a whole number from 0 to 100. */
export function ProgressField(props: Omit<ComponentProps<typeof TextField>, "label" | "type" | "inputMode" | "min" | "max" | "step">) {
  const t = useT();
  return <TextField label={t("planWeb.progressPercent")} type="number" inputMode="decimal" min={0} max={100} step={1} {...props} />;
}
