import { useEffect, useRef, useState } from "react";
import { actionItemStatuses } from "../../../shared/plan.js";
import { api } from "../../api.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { allows, can } from "../../permissions.js";
import { Link, usePath } from "../../router.js";
import { useSignedIn } from "../../session.js";
import { MeetingEditor } from "./MeetingEditor.js";
import type { EditableMeeting } from "./MeetingEditorModel.js";
import { NotFoundHere } from "./NotFoundHere.js";
import { LateBadge, PlanFrame } from "./PlanChrome.js";
import { formatDay, idFromPath, nameOf } from "./planFormat.js";
import type { MeetingDetail } from "./plan.types.js";

type ActionItem = MeetingDetail["actionItems"][number];

/** One meeting: agenda, who attended, minutes in French and Dutch, decisions and the action items they led to; coordinators edit it all. */
export function MeetingPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const id = idFromPath(usePath(), "/plan/meetings/");
  const meeting = useResource<EditableMeeting>(id ? `/api/plan/meetings/${id}` : null, {}, locale);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  // Closing the editor gives focus back to the button that opened it.
  const editButton = useRef<HTMLButtonElement>(null);
  const [closed, setClosed] = useState(0);
  useEffect(() => {
    if (closed) editButton.current?.focus();
  }, [closed]);
  const m = meeting.data && meeting.data.id === id ? meeting.data : null;
  if (!id) return <NotFoundHere />;
  const mayEdit = !!m && (allows(m, "manage") || can(session.permissions, "meeting", "manage"));

  return (
    <PlanFrame>
      <p className="breadcrumb">
        {m ? <Link href={`/plan/bodies/${m.body.id}`}>{m.body.name}</Link> : <Link href="/plan/calendar">{t("planWeb.calendar.title")}</Link>}
      </p>
      <PageHeading title={m ? t("planWeb.meeting.title", { body: m.body.name, date: formatDateTime(locale, m.startsAt) }) : t("planWeb.label.meeting")}>
        {m ? (
          <p>
            {m.location} · <span className="badge">{t(`plan.meetingStatus.${m.status}`)}</span>
          </p>
        ) : null}
      </PageHeading>
      <ErrorAlert error={meeting.error} />
      {saved ? <StatusMessage>{t("planWebEdit.meeting.saved")}</StatusMessage> : null}
      {!m ? (
        meeting.error ? null : (
          <p className="loading" role="status">
            {t("app.loading")}
          </p>
        )
      ) : editing ? (
        <MeetingEditor
          meeting={m}
          onCancel={() => {
            setEditing(false);
            setClosed((n) => n + 1);
          }}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            setClosed((n) => n + 1);
            meeting.reload();
          }}
        />
      ) : (
        <>
          {mayEdit ? (
            <div className="toolbar">
              <button
                type="button"
                className="button button-secondary"
                ref={editButton}
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t("planWebEdit.meeting.edit")}
              </button>
            </div>
          ) : null}
          <div className="plan-columns">
            <section className="section" aria-labelledby="agenda-title">
              <h2 id="agenda-title">{t("planWeb.meeting.agenda")}</h2>
              {m.agenda.length === 0 ? <p className="muted">{t("planWeb.meeting.noAgenda")}</p> : null}
              <ol className="agenda">
                {[...m.agenda]
                  .sort((a, b) => a.position - b.position)
                  .map((a) => (
                    <li key={a.id}>
                      {a.title}
                      {a.measure ? (
                        <>
                          {" "}
                          · <Link href={`/plan/measures/${a.measure.id}`}>{a.measure.code}</Link>
                        </>
                      ) : null}
                    </li>
                  ))}
              </ol>
            </section>
            <section className="section" aria-labelledby="attendance-title">
              <h2 id="attendance-title">{t("planWeb.meeting.attendance")}</h2>
              {m.attendance.length === 0 ? <p className="muted">{t("planWeb.meeting.noAttendance")}</p> : null}
              <ul className="plain-list">
                {m.attendance.map((a) => (
                  <li key={a.memberId}>
                    {a.personName} <span className="muted">({nameOf(a.organisation)})</span> ·{" "}
                    <span className={`badge ${a.present ? "badge-ok" : "badge-off"}`}>{t(a.present ? "planWeb.meeting.present" : "planWeb.meeting.absent")}</span>
                  </li>
                ))}
              </ul>
            </section>
          </div>

          <section className="section" aria-labelledby="minutes-title">
            <h2 id="minutes-title">{t("planWeb.meeting.minutes")}</h2>
            <div className="plan-columns">
              <div className="card" lang="fr">
                <h3>{t("lang.fr")}</h3>
                <p className="prewrap">{m.minutes.fr || "–"}</p>
              </div>
              <div className="card" lang="nl">
                <h3>{t("lang.nl")}</h3>
                <p className="prewrap">{m.minutes.nl || "–"}</p>
              </div>
            </div>
          </section>

          <section className="section" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{t("planWeb.meeting.decisions")}</h2>
            {m.decisions.length === 0 ? <p className="muted">{t("planWeb.meeting.noDecisions")}</p> : null}
            <ol className="plain-list decisions">
              {m.decisions.map((d) => (
                <li key={d.id}>
                  {d.measure ? (
                    <>
                      <Link href={`/plan/measures/${d.measure.id}`}>{d.measure.code}</Link>{" "}
                    </>
                  ) : null}
                  {d.text}
                </li>
              ))}
            </ol>
          </section>

          <section className="section" aria-labelledby="actions-title">
            <h2 id="actions-title">{t("planWeb.meeting.actionItems")}</h2>
            <ActionItems meeting={m} onChanged={meeting.reload} />
          </section>
        </>
      )}
    </PlanFrame>
  );
}

function ActionItems({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: () => void }) {
  const { locale, t } = useLocale();
  const action = useSubmit();
  // The owner organisation's editors may set the status; coordinators may change everything.
  const mayChange = (a: ActionItem) => allows(a, "setStatus");
  const change = (a: ActionItem, status: string) =>
    action.run(async () => {
      // Marked done, the server records today; any other status clears the done date.
      await api.patch(`/api/plan/action-items/${a.id}`, status === "done" ? { status } : { status, doneDate: null });
      onChanged();
    });

  if (meeting.actionItems.length === 0) return <p className="muted">{t("planWeb.meeting.noActionItems")}</p>;
  return (
    <>
      <ErrorAlert error={action.error} />
      <div className="table-wrap">
        <table className="data-table">
          <caption>{t("planWeb.meeting.actionItemsCaption", { count: meeting.actionItems.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("planWeb.meeting.actionItem")}</th>
              <th scope="col">{t("planWeb.meeting.owner")}</th>
              <th scope="col">{t("planWeb.dueDate")}</th>
              <th scope="col">{t("plan.field.status")}</th>
            </tr>
          </thead>
          <tbody>
            {meeting.actionItems.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.title}</th>
                <td>{[nameOf(a.owner.organisation), a.owner.memberName].filter(Boolean).join(" · ")}</td>
                <td>
                  {formatDay(locale, a.dueDate)} <LateBadge late={a.late} />
                </td>
                <td>
                  {mayChange(a) ? (
                    <select aria-label={t("planWeb.meeting.statusOf", { title: a.title })} value={a.status} disabled={action.busy} onChange={(e) => void change(a, e.target.value)}>
                      {actionItemStatuses.map((s) => (
                        <option key={s} value={s}>
                          {t(`plan.actionStatus.${s}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t(`plan.actionStatus.${a.status}`)
                  )}
                  {a.doneDate ? <span className="muted"> · {formatDay(locale, a.doneDate)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
