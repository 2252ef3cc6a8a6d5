import { useRef, useState } from "react";
import { EVIDENCE_MAX_BYTES } from "../../../shared/plan.js";
import { api } from "../../api.js";
import { ConfirmButton } from "../../components/forms/ConfirmButton.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { useSignedIn } from "../../session.js";
import { uploadFile } from "./planApi.js";
import { FileField } from "./planFields.js";
import { formatSize } from "./planFormat.js";
import type { Evidence, UpdateDetail } from "./plan.types.js";

const ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods,.csv,.txt";

/** Evidence files of an update: download links, upload (multipart) and removal while the update is being filed. */
export function EvidencePanel({ update, editable, onChanged }: { update: UpdateDetail; editable: boolean; onChanged: () => void }) {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const action = useSubmit();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);

  const upload = () =>
    action.run(async () => {
      if (!file) return;
      await uploadFile<Evidence>(session.csrfToken, `/api/plan/updates/${update.id}/evidence`, file);
      setFile(null);
      if (input.current) input.current.value = "";
      onChanged();
    });
  const remove = (e: Evidence) =>
    action.run(async () => {
      await api.delete(`/api/plan/evidence/${e.id}`);
      onChanged();
    });

  return (
    <div className="evidence">
      <ErrorAlert error={action.error} />
      {update.evidence.length === 0 ? <p className="muted">{t("planWeb.evidence.none")}</p> : null}
      <ul className="plain-list" data-testid="evidence-list">
        {update.evidence.map((e) => (
          <li key={e.id}>
            <a href={`/api/plan/evidence/${e.id}`} download={e.filename}>
              {e.filename}
            </a>{" "}
            <span className="muted">
              {formatSize(locale, e.size)}
              {e.uploadedAt ? ` · ${formatDateTime(locale, e.uploadedAt)}` : ""}
            </span>{" "}
            {editable ? <ConfirmButton label={t("planWeb.evidence.remove")} question={t("planWeb.evidence.removeConfirm", { name: e.filename })} onConfirm={() => void remove(e)} /> : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="toolbar">
          <FileField
            label={t("planWeb.evidence.add")}
            accept={ACCEPT}
            inputRef={input}
            hint={t(tooBig ? "planWeb.evidence.tooBig" : "planWeb.evidence.hint", { size: formatSize(locale, EVIDENCE_MAX_BYTES) })}
            tooBig={tooBig}
            onChoose={(chosen) => {
              setTooBig(!!chosen && chosen.size > EVIDENCE_MAX_BYTES);
              setFile(chosen);
            }}
          />
          <button type="button" className="button button-secondary" disabled={!file || tooBig || action.busy} onClick={() => void upload()}>
            {t("planWeb.evidence.upload")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
