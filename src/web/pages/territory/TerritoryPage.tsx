import { useCallback, useMemo, useRef, useState } from "react";
import { LAST_POPULATION_YEAR } from "../../../shared/limits.js";
import { localName } from "../../../shared/locale.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { ChoroplethMap, type Overlay } from "../../components/map/ChoroplethMap.js";
import { classesFromBreaks } from "../../components/map/palette.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { formatValue, unitKind } from "./format.js";
import { Legend } from "./Legend.js";
import { NeighbourhoodProfile } from "./NeighbourhoodProfile.js";
import { NeighbourhoodTable } from "./NeighbourhoodTable.js";
import { TerritoryControls } from "./TerritoryControls.js";
import { territoryVariables, yearlyVariables, type TerritoryVariable } from "./territory.types.js";
import { useChoropleth, useGeoJson, useNeighbourhoodRows } from "./useTerritoryData.js";
import "./territory.css";

const municipalityStyle = { color: "#1f2933", weight: 1.6, opacity: 0.9 };
const policeZoneStyle = { color: "#7b2d6b", weight: 3, opacity: 0.9, dashArray: "7 5" };

/** The landing page: the 145 neighbourhoods as a choropleth, their table, and a profile per neighbourhood. */
export function TerritoryPage() {
  const { locale, t } = useLocale();
  const [variable, setVariable] = useState<TerritoryVariable>("population");
  const [year, setYear] = useState(LAST_POPULATION_YEAR);
  const [showMunicipalities, setShowMunicipalities] = useState(true);
  const [showPoliceZones, setShowPoliceZones] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);

  const neighbourhoods = useGeoJson("/api/territory/geojson/neighbourhoods");
  const municipalities = useGeoJson("/api/territory/geojson/municipalities", showMunicipalities);
  const policeZones = useGeoJson("/api/territory/geojson/police-zones", showPoliceZones);
  const { rows, error: listError } = useNeighbourhoodRows(neighbourhoods.data, locale);
  const yearly = yearlyVariables.has(variable);
  const choropleth = useChoropleth(variable, yearly ? year : null);

  // What is drawn is what arrived: label, unit and classes come from the answer, not from the pending choice.
  const data = choropleth.data;
  const shownVariable = (territoryVariables as readonly string[]).includes(data?.variable ?? "") ? (data!.variable as TerritoryVariable) : variable;
  const kind = unitKind(shownVariable, data?.unit);
  const values = useMemo(() => new Map((data?.values ?? []).map((v) => [String(v.code), v.value])), [data]);
  const classes = useMemo(() => (data ? classesFromBreaks(data.breaks) : null), [data]);
  const format = useCallback((v: number | null | undefined) => formatValue(locale, t, kind, v), [locale, t, kind]);
  const fillFor = useCallback((code: string) => (classes ? classes.classify(values.get(code)) : "#d5dae0"), [classes, values]);

  const names = useMemo(() => new Map(rows.map((r) => [r.code, localName(locale, r.names)])), [rows, locale]);
  const variableLabel = t(`territoryPage.variables.${shownVariable}`);
  const yearText = data?.year ?? (yearly ? year : null);
  const tooltipFor = useCallback(
    (code: string) => {
      const el = document.createElement("div");
      const title = document.createElement("strong");
      title.textContent = names.get(code) ?? code;
      const line = document.createElement("span");
      line.textContent = t("territoryPage.tooltipValue", { variable: variableLabel, value: format(values.get(code)) });
      el.append(title, line);
      return el;
    },
    [names, variableLabel, format, values, t],
  );

  const overlays: Overlay[] = useMemo(
    () => [
      { key: "municipalities", data: municipalities.data, visible: showMunicipalities, style: municipalityStyle },
      { key: "police-zones", data: policeZones.data, visible: showPoliceZones, style: policeZoneStyle },
    ],
    [municipalities.data, policeZones.data, showMunicipalities, showPoliceZones],
  );

  const open = useCallback((code: string, from?: HTMLElement) => {
    trigger.current = from ?? null;
    setSelected(code);
  }, []);
  const close = useCallback(() => {
    setSelected(null);
    const back = trigger.current;
    if (back?.isConnected) back.focus();
  }, []);

  // The catalog words the sources in the reader's language; the server's English line is the fallback.
  const sourceKey = yearlyVariables.has(shownVariable) ? "territory.source.population" : "territory.source.indicators";
  const sourceText = !data ? null : t(sourceKey) !== sourceKey ? t(sourceKey) : data.source ? t("territoryPage.legend.source", { source: data.source }) : null;
  const zones = useResource<Array<{ id: number; name: string }>>("/api/territory/police-zones", {}, locale);
  const zoneName = useCallback((id: number | string) => zones.data?.find((z) => String(z.id) === String(id))?.name ?? null, [zones.data]);

  const subtitle = yearText ? t("territoryPage.legend.year", { year: yearText }) : "";
  return (
    <div className="territory-page">
      <PageHeading title={t("territoryPage.title")}>
        <p>{t("territoryPage.intro")}</p>
      </PageHeading>
      <TerritoryControls
        variable={variable}
        onVariable={setVariable}
        year={year}
        onYear={setYear}
        ownYear={!yearly && data?.variable === variable ? data.year : null}
        showMunicipalities={showMunicipalities}
        onShowMunicipalities={setShowMunicipalities}
        showPoliceZones={showPoliceZones}
        onShowPoliceZones={setShowPoliceZones}
      />
      <ErrorAlert error={neighbourhoods.error ?? choropleth.error ?? municipalities.error ?? policeZones.error} />
      <div className="territory-layout">
        <div className="territory-map">
          <ChoroplethMap
            features={neighbourhoods.data}
            fillFor={fillFor}
            tooltipFor={tooltipFor}
            selected={selected}
            onSelect={open}
            overlays={overlays}
            label={t("territoryPage.mapLabel", { variable: variableLabel })}
            describedBy="map-help"
            zoomInTitle={t("territoryPage.zoomIn")}
            zoomOutTitle={t("territoryPage.zoomOut")}
          />
          <p id="map-help" className="field-hint">
            {t("territoryPage.mapHelp")}
          </p>
        </div>
        <aside className="territory-side" aria-label={t("territoryPage.sideLabel")}>
          <Legend title={variableLabel} subtitle={subtitle} classes={classes} format={(v) => format(v)} source={sourceText} loading={choropleth.loading} />
          {selected ? (
            <NeighbourhoodProfile code={selected} onClose={close} zoneName={zoneName} />
          ) : (
            <p className="card profile-placeholder">{t("territoryPage.profile.placeholder")}</p>
          )}
        </aside>
      </div>
      {rows.length ? null : <ErrorAlert error={listError} />}
      <NeighbourhoodTable
        rows={rows}
        values={values}
        valueLabel={yearText ? `${variableLabel} (${yearText})` : variableLabel}
        caption={t("territoryPage.table.caption", { variable: variableLabel, year: yearText ?? t("common.notAvailable") })}
        formatValue={format}
        selected={selected}
        onOpen={open}
      />
    </div>
  );
}
