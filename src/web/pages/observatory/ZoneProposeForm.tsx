import { useState } from "react";
import { api } from "../../api.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { CheckboxField, TextField } from "../../components/forms/Field.js";
import { FormButtons } from "../../components/forms/FormButtons.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import type { ZoneRunResult } from "./zones.types.js";

interface Category {
  code: string;
  level: "category" | "phenomenon";
  label: string;
}

/**
 * Computes the proposals of a group of top-level categories (POST /api/observatory/zones/proposals)
 * and says how many zones qualify. The group label follows the chosen codes until edited.
 */
export function ZoneProposeForm({ onComputed }: { onComputed: (run: ZoneRunResult, group: string) => void }) {
  const { locale, t } = useLocale();
  const taxonomy = useResource<{ categories: Category[] }>("/api/observatory/categories", {}, locale);
  const categories = (taxonomy.data?.categories ?? []).filter((c) => c.level === "category");
  const [chosen, setChosen] = useState<string[]>([]);
  const [label, setLabel] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ categories?: string; label?: string }>({});
  const [result, setResult] = useState<{ run: ZoneRunResult; group: string } | null>(null);
  const submit = useSubmit();
  const groupLabel = label ?? chosen.join(" + ");

  const toggle = (code: string, on: boolean) => setChosen((prev) => (on ? [...prev, code] : prev.filter((c) => c !== code)));

  const compute = submit.onSubmit(async () => {
    setResult(null);
    const found = { ...(chosen.length ? {} : { categories: t("observatoryZones.propose.noCategory") }), ...(groupLabel.trim() ? {} : { label: t("observatoryZones.propose.noLabel") }) };
    setProblems(found);
    if (found.categories || found.label) return;
    const run = await api.post<ZoneRunResult>("/api/observatory/zones/proposals", { categoryCodes: chosen, groupLabel: groupLabel.trim() });
    setResult({ run, group: groupLabel.trim() });
    onComputed(run, groupLabel.trim());
  });

  const categoriesError = problems.categories ?? submit.fieldError("categoryCodes");
  return (
    <section className="card zones-propose" aria-labelledby="zones-propose-title">
      <h2 id="zones-propose-title">{t("observatoryZones.propose.title")}</h2>
      <form className="form" onSubmit={compute} noValidate>
        <fieldset className="zones-categories" aria-describedby="zones-categories-hint" aria-invalid={categoriesError ? true : undefined}>
          <legend>{t("observatoryZones.propose.categories")}</legend>
          <p id="zones-categories-hint" className="field-hint">
            {t("observatoryZones.propose.categoriesHint")}
          </p>
          <div className="zones-category-list">
            {categories.map((c) => (
              <CheckboxField key={c.code} label={c.label} checked={chosen.includes(c.code)} onChange={(e) => toggle(c.code, e.target.checked)} />
            ))}
          </div>
          {categoriesError ? <p className="field-error">{categoriesError}</p> : null}
        </fieldset>
        <TextField
          className="zones-group-label"
          label={t("observatoryZones.propose.groupLabel")}
          hint={t("observatoryZones.propose.groupLabelHint")}
          value={groupLabel}
          maxLength={100}
          onChange={(e) => setLabel(e.target.value)}
          error={problems.label ?? submit.fieldError("groupLabel")}
        />
        <FormButtons submitLabel={t("observatoryZones.propose.submit")} busy={submit.busy} />
        <div role="status" className="zones-busy">
          {submit.busy ? t("observatoryZones.propose.busy") : ""}
        </div>
      </form>
      <ErrorAlert error={taxonomy.error ?? submit.error} shownFields={["categoryCodes", "groupLabel"]} />
      {result ? (
        <StatusMessage>
          {result.run.years.length
            ? t("observatoryZones.propose.result", {
                count: result.run.proposals.length,
                group: result.group,
                from: result.run.years[0],
                to: result.run.years[result.run.years.length - 1],
                inserted: result.run.inserted,
              })
            : t("observatoryZones.propose.noData")}
        </StatusMessage>
      ) : null}
    </section>
  );
}
