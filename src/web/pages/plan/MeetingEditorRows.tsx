import { actionItemStatuses } from "../../../shared/plan.js";
import { CheckboxField, SelectField, TextField, type Choice } from "../../components/forms/Field.js";
import { useT } from "../../i18n.js";
import { moved, newKey, type ActionRow, type AgendaRow, type AttendanceRow, type BodyMember, type DecisionRow } from "./MeetingEditorModel.js";
import { TextAreaField } from "./planFields.js";

/** The server's message for a field of the document (`agenda.2.titleFr`), if any. */
export type FieldMessage = (name: string) => string | undefined;
/** Moves keyboard focus to the first element found, trying each selector in turn (after the rows change). */
export type FocusRequest = (...selectors: string[]) => void;

interface ListProps<Row> {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  error: FieldMessage;
  focus: FocusRequest;
}

const firstInput = (key: string) => `[data-row="${key}"] :is(input, select, textarea)`;
const patchAt = <Row,>(rows: Row[], index: number, patch: Partial<Row>) => rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
const withNone = (none: string, choices: Choice[]): Choice[] => [{ value: "", label: none }, ...choices];

/** Move and remove buttons of a row; the row's name is read out with them. */
function RowButtons({ name, index, count, onMove, onRemove }: { name: string; index: number; count: number; onMove?: (delta: -1 | 1) => void; onRemove: () => void }) {
  const t = useT();
  const hidden = <span className="visually-hidden"> {name}</span>;
  return (
    <div className="row-buttons">
      {onMove ? (
        <>
          <button type="button" className="button button-small button-secondary" data-action="up" disabled={index === 0} onClick={() => onMove(-1)}>
            {t("planWebEdit.row.up")}
            {hidden}
          </button>
          <button type="button" className="button button-small button-secondary" data-action="down" disabled={index === count - 1} onClick={() => onMove(1)}>
            {t("planWebEdit.row.down")}
            {hidden}
          </button>
        </>
      ) : null}
      <button type="button" className="button button-small button-secondary" data-action="remove" onClick={onRemove}>
        {t("planWebEdit.row.remove")}
        {hidden}
      </button>
    </div>
  );
}

/** Ordered list editing shared by the agenda, decisions and action items: add at the end, move, remove. */
function rowListOf<Row extends { key: string }>({ rows, onChange, focus }: ListProps<Row>, list: string) {
  return {
    add: (row: Omit<Row, "key">) => {
      const key = newKey(list);
      onChange([...rows, { ...row, key } as Row]);
      focus(firstInput(key));
    },
    move: (index: number, delta: -1 | 1) => {
      const key = rows[index]!.key;
      onChange(moved(rows, index, delta));
      const action = delta < 0 ? "up" : "down";
      focus(`[data-row="${key}"] [data-action="${action}"]:not(:disabled)`, `[data-row="${key}"] [data-action]:not(:disabled)`);
    },
    remove: (index: number) => {
      onChange(rows.filter((_, i) => i !== index));
      focus(`[data-add="${list}"]`);
    },
    set: (index: number, patch: Partial<Row>) => onChange(patchAt(rows, index, patch)),
  };
}

export function AgendaList(props: ListProps<AgendaRow> & { measures: Choice[] }) {
  const t = useT();
  const { rows, error, measures } = props;
  const list = rowListOf(props, "agenda");
  return (
    <fieldset className="edit-group">
      <legend>{t("planWeb.meeting.agenda")}</legend>
      {rows.length === 0 ? <p className="muted">{t("planWeb.meeting.noAgenda")}</p> : null}
      {rows.map((row, i) => {
        const name = t("planWebEdit.meeting.agendaItem", { number: i + 1 });
        return (
          <fieldset key={row.key} className="edit-row" data-row={row.key}>
            <legend>{name}</legend>
            <div className="form-grid">
              <TextField label={t("planWebEdit.titleFr")} lang="fr" required value={row.titleFr} onChange={(e) => list.set(i, { titleFr: e.target.value })} error={error(`agenda.${i}.titleFr`)} />
              <TextField label={t("planWebEdit.titleNl")} lang="nl" required value={row.titleNl} onChange={(e) => list.set(i, { titleNl: e.target.value })} error={error(`agenda.${i}.titleNl`)} />
              <SelectField
                label={t("planWebEdit.meeting.measure")}
                value={row.measureId}
                onChange={(e) => list.set(i, { measureId: e.target.value })}
                choices={withNone(t("planWebEdit.meeting.noMeasure"), measures)}
                error={error(`agenda.${i}.measureId`)}
              />
            </div>
            <RowButtons name={name} index={i} count={rows.length} onMove={(d) => list.move(i, d)} onRemove={() => list.remove(i)} />
          </fieldset>
        );
      })}
      <button type="button" className="button button-secondary edit-add" data-add="agenda" onClick={() => list.add({ titleFr: "", titleNl: "", measureId: "" })}>
        {t("planWebEdit.meeting.addAgendaItem")}
      </button>
    </fieldset>
  );
}

export function AttendanceList({ rows, onChange, error }: Omit<ListProps<AttendanceRow>, "focus">) {
  const t = useT();
  return (
    <fieldset className="edit-group">
      <legend>{t("planWeb.meeting.attendance")}</legend>
      {rows.length === 0 ? (
        <p className="muted">{t("planWebEdit.meeting.noMembers")}</p>
      ) : (
        <>
          <p className="field-hint">{t("planWebEdit.meeting.attendanceHint")}</p>
          <ul className="attendance-list">
            {rows.map((row, i) => (
              <li key={row.memberId}>
                <CheckboxField
                  label={`${row.personName} (${row.organisationName})`}
                  checked={row.present}
                  onChange={(e) => onChange(patchAt(rows, i, { present: e.target.checked }))}
                  error={error(`attendance.${i}.memberId`) ?? error(`attendance.${i}.present`)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}

export function DecisionList(props: ListProps<DecisionRow> & { agenda: AgendaRow[]; measures: Choice[] }) {
  const t = useT();
  const { rows, error, agenda, measures } = props;
  const list = rowListOf(props, "decision");
  const agendaChoices = withNone(
    t("planWebEdit.meeting.noAgendaItem"),
    agenda.map((a, i) => ({ value: a.key, label: [t("planWebEdit.meeting.agendaItem", { number: i + 1 }), a.titleFr].filter(Boolean).join(" · ") })),
  );
  return (
    <fieldset className="edit-group">
      <legend>{t("planWeb.meeting.decisions")}</legend>
      {rows.length === 0 ? <p className="muted">{t("planWeb.meeting.noDecisions")}</p> : null}
      {rows.map((row, i) => {
        const name = t("planWebEdit.meeting.decision", { number: i + 1 });
        return (
          <fieldset key={row.key} className="edit-row" data-row={row.key}>
            <legend>{name}</legend>
            <div className="form-grid wide">
              <TextAreaField label={t("planWebEdit.meeting.textFr")} lang="fr" rows={3} required value={row.textFr} onChange={(e) => list.set(i, { textFr: e.target.value })} error={error(`decisions.${i}.textFr`)} />
              <TextAreaField label={t("planWebEdit.meeting.textNl")} lang="nl" rows={3} required value={row.textNl} onChange={(e) => list.set(i, { textNl: e.target.value })} error={error(`decisions.${i}.textNl`)} />
            </div>
            <div className="form-grid">
              <SelectField
                label={t("planWebEdit.meeting.agendaItemOf")}
                value={row.agendaKey}
                onChange={(e) => list.set(i, { agendaKey: e.target.value })}
                choices={agendaChoices}
                error={error(`decisions.${i}.agendaPosition`)}
              />
              <SelectField
                label={t("planWebEdit.meeting.measure")}
                hint={t("planWebEdit.meeting.decisionMeasureHint")}
                value={row.measureId}
                onChange={(e) => list.set(i, { measureId: e.target.value })}
                choices={withNone(t("planWebEdit.meeting.noMeasure"), measures)}
                error={error(`decisions.${i}.measureId`)}
              />
            </div>
            <RowButtons name={name} index={i} count={rows.length} onRemove={() => list.remove(i)} />
          </fieldset>
        );
      })}
      <button type="button" className="button button-secondary edit-add" data-add="decision" onClick={() => list.add({ textFr: "", textNl: "", agendaKey: "", measureId: "" })}>
        {t("planWebEdit.meeting.addDecision")}
      </button>
    </fieldset>
  );
}

export function ActionItemList(props: ListProps<ActionRow> & { decisions: DecisionRow[]; organisations: Choice[]; members: BodyMember[] }) {
  const t = useT();
  const { rows, error, decisions, organisations, members } = props;
  const list = rowListOf(props, "action");
  const decisionChoices = withNone(
    t("planWebEdit.meeting.noDecision"),
    decisions.map((d, i) => {
      const text = d.textFr.length > 60 ? `${d.textFr.slice(0, 59)}…` : d.textFr;
      return { value: d.key, label: [t("planWebEdit.meeting.decision", { number: i + 1 }), text].filter(Boolean).join(" · ") };
    }),
  );
  const memberChoices = (organisationId: string) =>
    withNone(
      t("planWebEdit.meeting.noMember"),
      members.filter((m) => String(m.organisation.id) === organisationId).map((m) => ({ value: String(m.id), label: m.personName })),
    );
  return (
    <fieldset className="edit-group">
      <legend>{t("planWeb.meeting.actionItems")}</legend>
      {rows.length === 0 ? <p className="muted">{t("planWeb.meeting.noActionItems")}</p> : null}
      {rows.map((row, i) => {
        const name = t("planWebEdit.meeting.actionItem", { number: i + 1 });
        const at = (field: string) => error(`actionItems.${i}.${field}`);
        return (
          <fieldset key={row.key} className="edit-row" data-row={row.key}>
            <legend>{name}</legend>
            <div className="form-grid">
              <TextField label={t("planWebEdit.meeting.actionTitle")} required value={row.title} onChange={(e) => list.set(i, { title: e.target.value })} error={at("title") ?? at("id")} />
              <SelectField
                label={t("planWebEdit.meeting.ownerOrganisation")}
                required
                value={row.ownerOrganisationId}
                onChange={(e) => list.set(i, { ownerOrganisationId: e.target.value, ownerMemberId: "" })}
                choices={[{ value: "", label: t("planWebEdit.choose") }, ...organisations]}
                error={at("ownerOrganisationId")}
              />
              <SelectField
                label={t("planWebEdit.meeting.ownerMember")}
                value={row.ownerMemberId}
                onChange={(e) => list.set(i, { ownerMemberId: e.target.value })}
                choices={memberChoices(row.ownerOrganisationId)}
                error={at("ownerMemberId")}
              />
              <TextField label={t("planWeb.dueDate")} type="date" required value={row.dueDate} onChange={(e) => list.set(i, { dueDate: e.target.value })} error={at("dueDate")} />
              <SelectField
                label={t("plan.field.status")}
                value={row.status}
                onChange={(e) => list.set(i, { status: e.target.value as ActionRow["status"] })}
                choices={actionItemStatuses.map((s) => ({ value: s, label: t(`plan.actionStatus.${s}`) }))}
                error={at("status") ?? at("doneDate")}
              />
              <SelectField
                label={t("planWebEdit.meeting.fromDecision")}
                value={row.decisionKey}
                onChange={(e) => list.set(i, { decisionKey: e.target.value })}
                choices={decisionChoices}
                error={at("decisionPosition")}
              />
            </div>
            <RowButtons name={name} index={i} count={rows.length} onRemove={() => list.remove(i)} />
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button-secondary edit-add"
        data-add="action"
        onClick={() => list.add({ id: null, title: "", ownerOrganisationId: "", ownerMemberId: "", dueDate: "", status: "open", doneDate: null, decisionKey: "" })}
      >
        {t("planWebEdit.meeting.addActionItem")}
      </button>
    </fieldset>
  );
}
