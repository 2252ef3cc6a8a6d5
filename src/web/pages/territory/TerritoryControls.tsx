import { useId } from "react";
import { FIRST_POPULATION_YEAR, LAST_POPULATION_YEAR } from "../../../shared/limits.js";
import { CheckboxField, SelectField } from "../../components/forms/Field.js";
import { useT } from "../../i18n.js";
import { territoryVariables, yearlyVariables, type TerritoryVariable } from "./territory.types.js";

interface Props {
  variable: TerritoryVariable;
  onVariable: (v: TerritoryVariable) => void;
  year: number;
  onYear: (year: number) => void;
  /** The reference year of a variable that has its own (unemployment, CPAS, BIM). */
  ownYear: number | null;
  showMunicipalities: boolean;
  onShowMunicipalities: (on: boolean) => void;
  showPoliceZones: boolean;
  onShowPoliceZones: (on: boolean) => void;
}

/** What the map shows: the variable, the year (for yearly variables) and the outline layers. */
export function TerritoryControls(p: Props) {
  const t = useT();
  const sliderId = useId();
  const yearly = yearlyVariables.has(p.variable);
  return (
    <div className="territory-controls card">
      <SelectField
        label={t("territoryPage.variable")}
        value={p.variable}
        onChange={(e) => p.onVariable(e.target.value as TerritoryVariable)}
        choices={territoryVariables.map((v) => ({ value: v, label: t(`territoryPage.variables.${v}`) }))}
      />
      <div className="field year-field">
        <div className="year-head">
          <label htmlFor={sliderId}>{t("common.year")}</label>
          <output htmlFor={sliderId} className="year-output" data-testid="year-output">
            {yearly ? p.year : (p.ownYear ?? t("common.notAvailable"))}
          </output>
        </div>
        <input
          id={sliderId}
          type="range"
          min={FIRST_POPULATION_YEAR}
          max={LAST_POPULATION_YEAR}
          step={1}
          value={yearly ? p.year : (p.ownYear ?? LAST_POPULATION_YEAR)}
          disabled={!yearly}
          aria-describedby={yearly ? undefined : `${sliderId}-note`}
          onChange={(e) => p.onYear(Number(e.target.value))}
        />
        <p id={`${sliderId}-note`} className="field-hint">
          {yearly ? t("territoryPage.yearRange", { from: FIRST_POPULATION_YEAR, to: LAST_POPULATION_YEAR }) : t("territoryPage.ownYear")}
        </p>
      </div>
      <fieldset className="layer-toggles">
        <legend>{t("territoryPage.layers")}</legend>
        <CheckboxField label={t("territoryPage.municipalityOutlines")} checked={p.showMunicipalities} onChange={(e) => p.onShowMunicipalities(e.target.checked)} />
        <CheckboxField label={t("territoryPage.policeZoneOutlines")} checked={p.showPoliceZones} onChange={(e) => p.onShowPoliceZones(e.target.checked)} />
      </fieldset>
    </div>
  );
}
