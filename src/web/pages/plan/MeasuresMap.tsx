import type { FeatureCollection } from "geojson";
import { useCallback, useMemo, useState } from "react";
import { localName } from "../../../shared/locale.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { ChoroplethMap, featureCode, type Overlay } from "../../components/map/ChoroplethMap.js";
import { useLocale } from "../../i18n.js";
import { Link } from "../../router.js";
import { useGeoJson } from "../territory/useTerritoryData.js";
import { fillForCount, measuresByMunicipality } from "./plan.logic.js";
import { StatusBadge } from "./PlanChrome.js";
import type { Overview } from "./plan.types.js";

type Territorial = Overview["territorial"];

const neighbourhoodStyle = { color: "#7b2d6b", weight: 2, opacity: 1, fill: true, fillColor: "#7b2d6b", fillOpacity: 0.4 };
const zoneStyle = { color: "#7b2d6b", weight: 3, opacity: 0.9, dashArray: "7 5" };

function props(feature: FeatureCollection["features"][number]): Record<string, unknown> {
  return (feature.properties ?? {}) as Record<string, unknown>;
}

/** Measures with a territorial scope: municipalities shaded by how many measures target them, targeted neighbourhoods and police zones highlighted. */
export function MeasuresMap({ territorial }: { territorial: Territorial }) {
  const { locale, t } = useLocale();
  const municipalities = useGeoJson("/api/territory/geojson/municipalities");
  const neighbourhoods = useGeoJson("/api/territory/geojson/neighbourhoods");
  const zones = useGeoJson("/api/territory/geojson/police-zones");
  const [selected, setSelected] = useState<string | null>(null);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    const read = (level: string, data: FeatureCollection | null) => {
      for (const f of data?.features ?? []) {
        const p = props(f);
        map.set(`${level}:${featureCode(f)}`, localName(locale, { fr: String(p.name_fr ?? ""), nl: String(p.name_nl ?? "") }));
      }
    };
    read("municipality", municipalities.data);
    read("neighbourhood", neighbourhoods.data);
    read("police_zone", zones.data);
    return map;
  }, [municipalities.data, neighbourhoods.data, zones.data, locale]);

  const byMunicipality = useMemo(() => {
    const primary = new Map<number, number>();
    for (const f of neighbourhoods.data?.features ?? []) primary.set(Number(featureCode(f)), Number(props(f).primaryMunicipality));
    return measuresByMunicipality(territorial, primary);
  }, [territorial, neighbourhoods.data]);

  const overlays: Overlay[] = useMemo(() => {
    const pick = (data: FeatureCollection | null, level: string): FeatureCollection | null => {
      if (!data) return null;
      const codes = new Set(territorial.flatMap((m) => m.territories.filter((p) => p.level === level).map((p) => String(p.code))));
      return { type: "FeatureCollection", features: data.features.filter((f) => codes.has(featureCode(f))) };
    };
    return [
      { key: "neighbourhoods", data: pick(neighbourhoods.data, "neighbourhood"), visible: true, style: neighbourhoodStyle },
      { key: "zones", data: pick(zones.data, "police_zone"), visible: true, style: zoneStyle },
    ];
  }, [territorial, neighbourhoods.data, zones.data]);

  const fillFor = useCallback((code: string) => fillForCount(byMunicipality.get(Number(code))?.size ?? 0), [byMunicipality]);
  const tooltipFor = useCallback(
    (code: string) => {
      const el = document.createElement("div");
      const title = document.createElement("strong");
      title.textContent = names.get(`municipality:${code}`) ?? code;
      const line = document.createElement("span");
      line.textContent = t("planWeb.grid.measures", { count: byMunicipality.get(Number(code))?.size ?? 0 });
      el.append(title, line);
      return el;
    },
    [names, byMunicipality, t],
  );

  const shown = selected ? territorial.filter((m) => byMunicipality.get(Number(selected))?.has(m.measureId)) : territorial;
  const placeName = (level: string, code: number) => names.get(`${level}:${code}`) ?? `${t(`plan.level.${level}`)} ${code}`;
  return (
    <div className="plan-map-layout">
      <div>
        <ErrorAlert error={municipalities.error ?? neighbourhoods.error ?? zones.error} />
        <ChoroplethMap
          features={municipalities.data}
          fillFor={fillFor}
          tooltipFor={tooltipFor}
          selected={selected}
          onSelect={(code) => setSelected((prev) => (prev === code ? null : code))}
          overlays={overlays}
          label={t("planWeb.map.label")}
          describedBy="plan-map-help"
          zoomInTitle={t("territoryPage.zoomIn")}
          zoomOutTitle={t("territoryPage.zoomOut")}
        />
        <p id="plan-map-help" className="field-hint">
          {t("planWeb.map.help")}
        </p>
        <ul className="legend-list plan-map-legend" aria-label={t("planWeb.map.legend")}>
          {[0, 1, 2, 3, 4].map((n) => (
            <li key={n}>
              <span className="swatch" style={{ background: fillForCount(n) }} aria-hidden="true" />
              {n === 4 ? t("planWeb.map.orMore", { count: n }) : t("planWeb.grid.measures", { count: n })}
            </li>
          ))}
          <li>
            <span className="swatch swatch-neighbourhood" aria-hidden="true" />
            {t("planWeb.map.targetedNeighbourhood")}
          </li>
          <li>
            <span className="swatch swatch-zone" aria-hidden="true" />
            {t("planWeb.map.targetedZone")}
          </li>
        </ul>
      </div>
      <div>
        <h3 id="territorial-title">
          {selected ? t("planWeb.map.measuresIn", { name: names.get(`municipality:${selected}`) ?? selected }) : t("planWeb.map.allTerritorial")}
        </h3>
        {selected ? (
          <button type="button" className="button button-small button-secondary" onClick={() => setSelected(null)}>
            {t("planWeb.map.showAll")}
          </button>
        ) : null}
        <ul className="territorial-list" aria-labelledby="territorial-title" aria-live="polite">
          {shown.length === 0 ? <li className="muted">{t("planWeb.map.none")}</li> : null}
          {shown.map((m) => (
            <li key={m.measureId}>
              <Link href={`/plan/measures/${m.measureId}`}>
                {m.code} · {m.title}
              </Link>{" "}
              <StatusBadge status={m.status} />
              <br />
              <span className="muted">{m.territories.map((p) => placeName(p.level, p.code)).join(", ")}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
