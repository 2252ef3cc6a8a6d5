import { useRef, useState } from "react";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useT } from "../../i18n.js";
import { TextAreaField } from "../plan/planFields.js";

type Decision = "accepted" | "rejected";

/** Accept or reject a proposed zone (POST .../decision); the reason is required and checked before sending. */
export function ZoneDecisionForm({ id, onDecided }: { id: number; onDecided: (decision: Decision) => void }) {
  const t = useT();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const form = useRef<HTMLDivElement>(null);
  const submit = useSubmit();

  const decide = (decision: Decision) =>
    void submit.run(async () => {
      const trimmed = reason.trim();
      setMissing(!trimmed);
      if (!trimmed) {
        form.current?.querySelector("textarea")?.focus();
        return;
      }
      await api.post(`/api/observatory/zones/proposals/${id}/decision`, { decision, reason: trimmed });
      setReason("");
      onDecided(decision);
    });

  return (
    <div className="form zone-decision-form" ref={form}>
      <TextAreaField
        label={t("observatoryZones.decision.reasonLabel")}
        hint={t("observatoryZones.decision.reasonHint")}
        value={reason}
        maxLength={2000}
        required
        onChange={(e) => setReason(e.target.value)}
        error={missing ? t("observatoryZones.decision.reasonMissing") : submit.fieldError("reason")}
      />
      <div className="button-row">
        <button type="button" className="button" disabled={submit.busy} onClick={() => decide("accepted")}>
          {t("observatoryZones.decision.accept")}
        </button>
        <button type="button" className="button button-danger" disabled={submit.busy} onClick={() => decide("rejected")}>
          {t("observatoryZones.decision.reject")}
        </button>
      </div>
      <ErrorAlert error={submit.error} shownFields={["reason"]} />
    </div>
  );
}
