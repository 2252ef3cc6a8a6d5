import { useEffect, useRef, useState } from "react";
import { ApiError } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { TextField } from "../../components/forms/Field.js";
import { FormButtons } from "../../components/forms/FormButtons.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useT } from "../../i18n.js";
import { useSignedIn } from "../../session.js";
import { sendJson } from "./planApi.js";
import { toNumber } from "./plan.logic.js";
import type { Numbered, PlanDetail } from "./plan.types.js";

const kinds = ["themes", "goals", "priorities"] as const;
type Kind = (typeof kinds)[number];

interface FrameRow {
  key: string;
  /** The saved entry (null for a new one), its number and its index in the plan's list (what a 409 names). */
  id: number | null;
  number: number | null;
  original: number | null;
  titleFr: string;
  titleNl: string;
  titleEn: string;
  weight: string;
  /** A saved entry marked to go at the next save (new entries are simply dropped). */
  removed: boolean;
}
type Frame = Record<Kind, FrameRow[]>;

const rowsOf = (entries: Numbered[]): FrameRow[] =>
  entries.map((e, i) => ({ key: `entry-${e.id}`, id: e.id, number: e.number, original: i, titleFr: e.titles.fr, titleNl: e.titles.nl, titleEn: e.titles.en, weight: String(e.weight), removed: false }));

/** The body of PUT /plans/{planId}/frame: the entries kept and the new ones, in order (only themes carry a weight). */
function frameBody(frame: Frame) {
  const entries = (kind: Kind) =>
    frame[kind]
      .filter((r) => !r.removed)
      .map((r) => ({
        ...(r.id !== null ? { id: r.id } : {}),
        titleFr: r.titleFr,
        titleNl: r.titleNl,
        titleEn: r.titleEn,
        ...(kind === "themes" ? { weight: toNumber(r.weight) } : {}),
      }));
  return { themes: entries("themes"), goals: entries("goals"), priorities: entries("priorities") };
}

let created = 0;
const newKey = (kind: Kind) => `${kind}-new-${++created}`;

/** The index a row has in the request (rows marked removed are not sent). */
const sentIndex = (rows: FrameRow[], index: number) => rows.slice(0, index).filter((r) => !r.removed).length;

function shownFields(frame: Frame): string[] {
  return kinds.flatMap((kind) =>
    frame[kind].flatMap((row, i) => [
      ...(row.original !== null ? [`${kind}.${row.original}`] : []),
      ...(row.removed ? [] : ["id", "titleFr", "titleNl", "titleEn", "weight"].map((f) => `${kind}.${sentIndex(frame[kind], i)}.${f}`)),
    ]),
  );
}

const labels: Record<Kind, { legend: string; entry: string; fresh: string; add: string }> = {
  themes: { legend: "planWebEdit.settings.themes", entry: "planWebEdit.settings.theme", fresh: "planWebEdit.settings.newTheme", add: "planWebEdit.settings.addTheme" },
  goals: { legend: "planWebEdit.settings.goals", entry: "planWebEdit.settings.goal", fresh: "planWebEdit.settings.newGoal", add: "planWebEdit.settings.addGoal" },
  priorities: {
    legend: "planWebEdit.settings.priorities",
    entry: "planWebEdit.settings.priority",
    fresh: "planWebEdit.settings.newPriority",
    add: "planWebEdit.settings.addPriority",
  },
};

/**
 * The plan's frame, saved as a whole: themes (with their weight in the plan's progress),
 * transversal goals and priorities. Saved entries keep their number; new ones take the next.
 */
export function PlanFrameForm({ plan, onSaved }: { plan: PlanDetail; onSaved: () => void }) {
  const t = useT();
  const session = useSignedIn();
  const form = useSubmit();
  const root = useRef<HTMLElement>(null);
  const [frame, setFrame] = useState<Frame>(() => ({ themes: rowsOf(plan.themes), goals: rowsOf(plan.goals), priorities: rowsOf(plan.priorities) }));
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (focusTarget) root.current?.querySelector<HTMLElement>(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const conflict = form.error instanceof ApiError && form.error.code === "conflict";
  const setRows = (kind: Kind, rows: FrameRow[]) => setFrame((f) => ({ ...f, [kind]: rows }));
  const save = async () => {
    await sendJson(session.csrfToken, "PUT", `/api/plan/plans/${plan.id}/frame`, frameBody(frame));
    onSaved();
  };

  return (
    <section className="section" aria-labelledby="plan-frame-title" ref={root}>
      <h2 id="plan-frame-title">{t("planWebEdit.settings.frameTitle")}</h2>
      <p className="field-hint">{t("planWebEdit.settings.frameHint")}</p>
      <form className="form" noValidate onSubmit={form.onSubmit(save)} data-testid="plan-frame-form">
        <ErrorAlert error={form.error} shownFields={shownFields(frame)} />
        {kinds.map((kind) => {
          const rows = frame[kind];
          const add = () => {
            const key = newKey(kind);
            setRows(kind, [...rows, { key, id: null, number: null, original: null, titleFr: "", titleNl: "", titleEn: "", weight: "1", removed: false }]);
            setFocusTarget(`[data-row="${key}"] input`);
          };
          let fresh = 0;
          return (
            <fieldset key={kind} className="edit-group">
              <legend>{t(labels[kind].legend)}</legend>
              {rows.length === 0 ? <p className="muted">{t("planWebEdit.settings.none")}</p> : null}
              {rows.map((row, i) => {
                const name = row.number !== null ? t(labels[kind].entry, { number: row.number }) : t(labels[kind].fresh, { number: ++fresh });
                const at = (field: string) => (row.removed || conflict ? undefined : form.fieldError(`${kind}.${sentIndex(rows, i)}.${field}`));
                const conflictMessage = conflict && row.original !== null ? form.fieldError(`${kind}.${row.original}`) : undefined;
                const set = (patch: Partial<FrameRow>) => setRows(kind, rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
                const toggle = () => {
                  if (row.id !== null) set({ removed: !row.removed });
                  else {
                    setRows(kind, rows.filter((_, j) => j !== i));
                    setFocusTarget(`[data-add="${kind}"]`);
                  }
                };
                const errorId = `${row.key}-conflict`;
                return (
                  <fieldset
                    key={row.key}
                    className={`edit-row${row.removed ? " is-removed" : ""}`}
                    data-row={row.key}
                    aria-describedby={conflictMessage ? errorId : undefined}
                  >
                    <legend>{name}</legend>
                    {row.removed ? (
                      <p>{t("planWebEdit.settings.willBeRemoved", { title: row.titleFr })}</p>
                    ) : (
                      <div className="form-grid">
                        <TextField label={t("planWebEdit.titleFr")} lang="fr" required value={row.titleFr} onChange={(e) => set({ titleFr: e.target.value })} error={at("titleFr") ?? at("id")} />
                        <TextField label={t("planWebEdit.titleNl")} lang="nl" required value={row.titleNl} onChange={(e) => set({ titleNl: e.target.value })} error={at("titleNl")} />
                        <TextField label={t("planWebEdit.titleEn")} lang="en" required value={row.titleEn} onChange={(e) => set({ titleEn: e.target.value })} error={at("titleEn")} />
                        {kind === "themes" ? (
                          <TextField
                            label={t("planWebEdit.settings.weight")}
                            hint={t("planWebEdit.settings.weightHint")}
                            type="number"
                            inputMode="decimal"
                            min={0}
                            step="any"
                            required
                            value={row.weight}
                            onChange={(e) => set({ weight: e.target.value })}
                            error={at("weight")}
                          />
                        ) : null}
                      </div>
                    )}
                    {conflictMessage ? (
                      <p id={errorId} className="field-error">
                        {conflictMessage}
                      </p>
                    ) : null}
                    <div className="row-buttons">
                      <button type="button" className="button button-small button-secondary" data-action="remove" onClick={toggle}>
                        {t(row.removed ? "planWebEdit.row.keep" : "planWebEdit.row.remove")}
                        <span className="visually-hidden"> {name}</span>
                      </button>
                    </div>
                  </fieldset>
                );
              })}
              <button type="button" className="button button-secondary edit-add" data-add={kind} onClick={add}>
                {t(labels[kind].add)}
              </button>
            </fieldset>
          );
        })}
        <FormButtons submitLabel={t("planWebEdit.settings.saveFrame")} busy={form.busy} />
      </form>
    </section>
  );
}
