import { useState } from "react";
import { meetingStatuses } from "../../../shared/plan.js";
import { api } from "../../api.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { FormButtons } from "../../components/forms/FormButtons.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { can } from "../../permissions.js";
import { Link, usePath } from "../../router.js";
import { useSignedIn } from "../../session.js";
import { NotFoundHere } from "./NotFoundHere.js";
import { PlanFrame, TitledSection } from "./PlanChrome.js";
import { idFromPath } from "./planFormat.js";
import type { BodyDetail } from "./plan.types.js";

type Member = BodyDetail["members"][number];

/** One body: its members and, for those who may read them, its meetings; coordinators schedule a meeting. */
export function BodyPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const id = idFromPath(usePath(), "/plan/bodies/");
  const body = useResource<BodyDetail>(id ? `/api/plan/bodies/${id}` : null, {}, locale);
  const [message, setMessage] = useState<string | null>(null);
  const b = body.data && body.data.id === id ? body.data : null;
  if (!id) return <NotFoundHere />;
  const mayReadMeetings = session.account?.organisation.kind === "agency" || !!b?.isMember;

  const columns: Column<Member>[] = [
    { key: "name", label: t("common.name"), rowHeader: true, sortValue: (m) => m.personName, render: (m) => m.personName },
    { key: "organisation", label: t("common.organisation"), sortValue: (m) => m.organisation.name, render: (m) => m.organisation.name },
    { key: "role", label: t("common.role"), sortValue: (m) => m.role, render: (m) => t(`plan.memberRole.${m.role}`) },
    {
      key: "active",
      label: t("admin.status"),
      sortValue: (m) => (m.active ? 0 : 1),
      render: (m) => <span className={`badge ${m.active ? "badge-ok" : "badge-off"}`}>{t(m.active ? "common.active" : "common.inactive")}</span>,
    },
  ];

  return (
    <PlanFrame>
      <p className="breadcrumb">
        <Link href="/plan/bodies">{t("planWeb.bodies.title")}</Link>
      </p>
      <PageHeading title={b ? b.name : t("planWeb.label.body")}>
        {b ? <p>{[t(`plan.bodyKind.${b.kind}`), b.theme ? `${t("planWeb.label.theme")} ${b.theme.number}. ${b.theme.title}` : ""].filter(Boolean).join(" · ")}</p> : null}
      </PageHeading>
      {message ? <StatusMessage>{message}</StatusMessage> : null}
      <ErrorAlert error={body.error} />
      {b ? (
        <>
          <TitledSection id="meetings-title" title={t("planWeb.bodies.meetings")}>
            {!mayReadMeetings ? (
              <p className="muted">{t("planWeb.bodies.meetingsHidden")}</p>
            ) : b.meetings.length === 0 ? (
              <p className="muted">{t("planWeb.bodies.noMeetings")}</p>
            ) : (
              <ul className="plain-list">
                {[...b.meetings]
                  .sort((x, y) => y.startsAt.localeCompare(x.startsAt))
                  .map((m) => (
                    <li key={m.id}>
                      <Link href={`/plan/meetings/${m.id}`}>{formatDateTime(locale, m.startsAt)}</Link> · {m.location} ·{" "}
                      <span className="badge">{t(`plan.meetingStatus.${m.status}`)}</span>
                    </li>
                  ))}
              </ul>
            )}
            {can(session.permissions, "meeting", "manage") ? (
              <MeetingForm
                bodyId={b.id}
                onCreated={() => {
                  setMessage(t("planWeb.bodies.meetingCreated"));
                  body.reload();
                }}
              />
            ) : null}
          </TitledSection>
          <TitledSection id="members-title" title={t("planWeb.bodies.members")}>
            <SortableTable
              caption={t("planWeb.bodies.membersCaption", { count: b.members.length })}
              columns={columns}
              rows={b.members}
              rowKey={(m) => m.id}
              initialSort={{ key: "name", direction: "ascending" }}
              empty={t("planWeb.bodies.noMembers")}
              testId="members-table"
            />
          </TitledSection>
        </>
      ) : body.error ? null : (
        <p className="loading" role="status">
          {t("app.loading")}
        </p>
      )}
    </PlanFrame>
  );
}

/** Schedules a meeting of the body (date and time in the reader's clock, sent as UTC). */
function MeetingForm({ bodyId, onCreated }: { bodyId: number; onCreated: () => void }) {
  const { t } = useLocale();
  const form = useSubmit();
  const [values, setValues] = useState({ startsAt: "", location: "", status: "planned" });
  const save = async () => {
    const when = new Date(values.startsAt);
    await api.post(`/api/plan/bodies/${bodyId}/meetings`, { ...values, startsAt: Number.isNaN(when.getTime()) ? values.startsAt : when.toISOString() });
    setValues({ startsAt: "", location: "", status: "planned" });
    onCreated();
  };
  return (
    <details className="card add-meeting">
      <summary>{t("planWeb.bodies.addMeeting")}</summary>
      <form className="form" noValidate onSubmit={form.onSubmit(save)}>
        <ErrorAlert error={form.error} shownFields={["startsAt", "location", "status"]} />
        <div className="form-grid">
          <TextField label={t("planWeb.bodies.startsAt")} type="datetime-local" required value={values.startsAt} onChange={(e) => setValues((v) => ({ ...v, startsAt: e.target.value }))} error={form.fieldError("startsAt")} />
          <TextField label={t("planWeb.bodies.location")} required value={values.location} onChange={(e) => setValues((v) => ({ ...v, location: e.target.value }))} error={form.fieldError("location")} />
          <SelectField
            label={t("plan.field.status")}
            value={values.status}
            onChange={(e) => setValues((v) => ({ ...v, status: e.target.value }))}
            choices={meetingStatuses.map((s) => ({ value: s, label: t(`plan.meetingStatus.${s}`) }))}
            error={form.fieldError("status")}
          />
        </div>
        <FormButtons submitLabel={t("planWeb.bodies.schedule")} busy={form.busy} />
      </form>
    </details>
  );
}
