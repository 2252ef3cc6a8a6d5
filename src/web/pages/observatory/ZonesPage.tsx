import type { FeatureCollection } from "geojson";
import { useCallback, useMemo, useState } from "react";
import { localName, type Locale } from "../../../shared/locale.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField } from "../../components/forms/Field.js";
import { ChoroplethMap, featureCode, type Overlay } from "../../components/map/ChoroplethMap.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { can } from "../../permissions.js";
import { useSignedIn } from "../../session.js";
import { useGeoJson } from "../territory/useTerritoryData.js";
import { ZoneEvidence } from "./ZoneEvidence.js";
import { ZoneProposeForm } from "./ZoneProposeForm.js";
import { statusFill, zoneStatuses, type ZoneProposal, type ZoneRun } from "./zones.types.js";
import "../territory/territory.css";
import "./ZonesPage.css";

const noOverlays: Overlay[] = [];

/** Neighbourhood names from the GeoJSON properties, for the tooltips of neighbourhoods that are not proposed. */
function namesOf(features: FeatureCollection | null, locale: Locale): Map<string, string> {
  return new Map(
    (features?.features ?? []).map((f) => {
      const p = (f.properties ?? {}) as { name_fr?: string; name_nl?: string };
      return [featureCode(f), localName(locale, { fr: p.name_fr ?? "", nl: p.name_nl ?? "" })];
    }),
  );
}

/** Colour key of the map: one swatch per status, and the neighbourhoods not proposed. */
function StatusLegend({ run }: { run: ZoneRun | null }) {
  const { locale, t } = useLocale();
  return (
    <section className="legend card" aria-labelledby="zones-legend-title" data-testid="map-legend">
      <h2 id="zones-legend-title" className="legend-title">
        {t("observatoryZones.map.legendTitle")}
      </h2>
      {run ? <p className="legend-subtitle">{t("observatoryZones.map.legendSubtitle", { group: run.categoryGroup, date: formatDateTime(locale, run.createdAt) })}</p> : null}
      <ul className="legend-list">
        {[...zoneStatuses, "none" as const].map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: statusFill[s] }} aria-hidden="true" />
            {t(`observatoryZones.status.${s}`)}
            {run && s !== "none" ? ` (${run[s]})` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Priority intervention zones: compute proposals for a group of categories (analysts and
 * coordinators), see the run's zones on the map coloured by status, open one zone's
 * evidence from the map or the table, and accept or reject it with a reason (coordinators).
 */
export function ZonesPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const [reloadKey, setReloadKey] = useState(0);
  const [chosenRun, setChosenRun] = useState<string | null>(null);
  const [selectedCode, setSelectedCode] = useState<string | null>(null);
  const reload = useCallback(() => setReloadKey((n) => n + 1), []);

  const runs = useResource<ZoneRun[]>("/api/observatory/zones/runs", {}, reloadKey);
  const run = runs.data?.find((r) => r.runKey === chosenRun) ?? runs.data?.[0] ?? null;
  const proposals = useResource<ZoneProposal[]>(run ? "/api/observatory/zones/proposals" : null, { run: run?.runKey }, reloadKey);
  const rows = useMemo(() => (run ? (proposals.data ?? []).filter((p) => p.runKey === run.runKey) : []), [proposals.data, run]);
  const byCode = useMemo(() => new Map(rows.map((p) => [String(p.neighbourhoodCode), p])), [rows]);
  const selected = selectedCode ? (byCode.get(selectedCode) ?? null) : null;

  const neighbourhoods = useGeoJson("/api/territory/geojson/neighbourhoods");
  const names = useMemo(() => namesOf(neighbourhoods.data, locale), [neighbourhoods.data, locale]);

  const fillFor = useCallback((code: string) => statusFill[byCode.get(code)?.status ?? "none"], [byCode]);
  const tooltipFor = useCallback(
    (code: string) => {
      const el = document.createElement("div");
      const title = document.createElement("strong");
      title.textContent = names.get(code) ?? code;
      const line = document.createElement("span");
      line.textContent = t(`observatoryZones.status.${byCode.get(code)?.status ?? "none"}`);
      el.append(title, line);
      return el;
    },
    [names, byCode, t],
  );

  const columns: Column<ZoneProposal>[] = [
    {
      key: "neighbourhood",
      label: t("observatoryZones.table.neighbourhood"),
      rowHeader: true,
      sortValue: (p) => p.neighbourhood.name,
      render: (p) => (
        <button type="button" className="button-link" onClick={() => setSelectedCode(String(p.neighbourhoodCode))}>
          {p.neighbourhood.name}
        </button>
      ),
    },
    { key: "municipality", label: t("observatoryZones.table.municipality"), sortValue: (p) => p.municipality?.name ?? null, render: (p) => p.municipality?.name ?? "" },
    { key: "group", label: t("observatoryZones.table.group"), sortValue: (p) => p.categoryGroup, render: (p) => p.categoryGroup },
    {
      key: "years",
      label: t("observatoryZones.table.years"),
      sortValue: (p) => p.evidence.qualifyingYears.length,
      render: (p) =>
        t("observatoryZones.table.yearsValue", { years: p.evidence.qualifyingYears.join(", "), count: p.evidence.qualifyingYears.length, total: p.evidence.yearsAssessed }),
    },
    { key: "status", label: t("observatoryZones.table.status"), sortValue: (p) => t(`observatoryZones.status.${p.status}`), render: (p) => t(`observatoryZones.status.${p.status}`) },
  ];

  return (
    <div className="territory-page zones-page">
      <PageHeading title={t("observatoryZones.title")}>
        <p>{t("observatoryZones.intro")}</p>
      </PageHeading>
      {can(session.permissions, "observatory", "proposeZones") ? (
        <ZoneProposeForm
          onComputed={(result) => {
            if (result.proposals.length) setChosenRun(result.runKey);
            setSelectedCode(null);
            reload();
          }}
        />
      ) : null}
      <ErrorAlert error={runs.error ?? proposals.error ?? neighbourhoods.error} />
      <section className="card zones-controls" aria-label={t("observatoryZones.run.label")}>
        {runs.data?.length ? (
          <SelectField
            label={t("observatoryZones.run.label")}
            value={run?.runKey ?? ""}
            onChange={(e) => {
              setChosenRun(e.target.value);
              setSelectedCode(null);
            }}
            choices={runs.data.map((r) => ({
              value: r.runKey,
              label: t("observatoryZones.run.option", { group: r.categoryGroup, date: formatDateTime(locale, r.createdAt), count: r.proposals }),
            }))}
          />
        ) : (
          <p role="status">{runs.loading || !runs.data ? t("app.loading") : t("observatoryZones.run.none")}</p>
        )}
      </section>
      <div className="territory-layout">
        <div className="territory-map">
          <ChoroplethMap
            features={neighbourhoods.data}
            fillFor={fillFor}
            tooltipFor={tooltipFor}
            selected={selectedCode}
            onSelect={setSelectedCode}
            overlays={noOverlays}
            label={t("observatoryZones.map.label")}
            describedBy="zones-map-help"
            zoomInTitle={t("territoryPage.zoomIn")}
            zoomOutTitle={t("territoryPage.zoomOut")}
          />
          <p id="zones-map-help" className="field-hint">
            {t("observatoryZones.map.help")}
          </p>
        </div>
        <aside className="territory-side" aria-label={t("observatoryZones.map.legendTitle")}>
          <StatusLegend run={run} />
        </aside>
      </div>
      <div className="section">
        {selected ? (
          <ZoneEvidence id={selected.id} onDecided={reload} />
        ) : (
          <p className="card zone-evidence zone-placeholder" role="status">
            {selectedCode ? t("observatoryZones.map.notProposed", { name: names.get(selectedCode) ?? selectedCode }) : t("observatoryZones.evidence.placeholder")}
          </p>
        )}
      </div>
      <section className="section" aria-labelledby="zones-table-title">
        <h2 id="zones-table-title">{t("observatoryZones.table.title")}</h2>
        <SortableTable
          caption={t("observatoryZones.table.caption", { group: run?.categoryGroup ?? "" })}
          columns={columns}
          rows={rows}
          rowKey={(p) => p.id}
          initialSort={{ key: "neighbourhood", direction: "ascending" }}
          isCurrent={(p) => p.id === selected?.id}
          empty={t("observatoryZones.table.empty")}
          testId="zones-table"
        />
      </section>
    </div>
  );
}
