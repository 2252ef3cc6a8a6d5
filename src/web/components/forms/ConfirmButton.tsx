import { useState } from "react";
import { useT } from "../../i18n.js";
import { useFocusOnMount } from "./useFocusOnMount.js";

/** A button that asks to confirm in place before a consequential action (revoke, reset, disable). */
export function ConfirmButton({ label, question, onConfirm, disabled }: { label: string; question: string; onConfirm: () => void; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button-small button-secondary" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <Confirmation
      question={question}
      onCancel={() => setAsking(false)}
      onConfirm={() => {
        setAsking(false);
        onConfirm();
      }}
    />
  );
}

function Confirmation({ question, onConfirm, onCancel }: { question: string; onConfirm: () => void; onCancel: () => void }) {
  const t = useT();
  const ref = useFocusOnMount<HTMLButtonElement>();
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button type="button" className="button button-small button-danger" ref={ref} onClick={onConfirm}>
        {t("web.confirm")}
      </button>
      <button type="button" className="button button-small button-secondary" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </span>
  );
}
