import type { FeatureCollection } from "geojson";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Locale } from "../../../shared/locale.js";
import { api, isAbort } from "../../api.js";
import type { ChoroplethData, NeighbourhoodRow, TerritoryVariable } from "./territory.types.js";

type Geo = FeatureCollection | null;

/** Loads one GeoJSON layer once `enabled` (outline layers load on first use). */
export function useGeoJson(path: string, enabled = true): { data: Geo; error: unknown } {
  const [data, setData] = useState<Geo>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!enabled || data) return;
    const controller = new AbortController();
    api
      .get<FeatureCollection>(path, undefined, { signal: controller.signal })
      .then(setData)
      .catch((err) => {
        if (!isAbort(err)) setError(err);
      });
    return () => controller.abort();
  }, [path, enabled, data]);
  return { data, error };
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const asString = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const asNumber = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function municipalityName(v: unknown): string {
  if (typeof v === "string") return v;
  const r = asRecord(v);
  return asString(r.name ?? r.name_fr ?? r.nameFr ?? "");
}

/** One row from a list item or a GeoJSON feature's properties (both name fields spelled either way). */
function toRow(item: unknown): NeighbourhoodRow {
  const r = asRecord(item);
  const names = asRecord(r.names);
  const fr = asString(names.fr ?? r.name_fr ?? r.nameFr ?? r.name);
  const nl = asString(names.nl ?? r.name_nl ?? r.nameNl ?? r.name);
  return {
    code: asString(r.code),
    kind: asString(r.kind),
    names: { fr, nl: nl || fr },
    municipality: municipalityName(r.primaryMunicipality ?? r.municipality),
    population: asNumber(r.population),
  };
}

/**
 * The table rows: the GeoJSON properties first (so the table works as soon as the map
 * does), completed by GET /api/territory/neighbourhoods (municipality in the reader's
 * language, population).
 */
export function useNeighbourhoodRows(features: Geo, locale: Locale): { rows: NeighbourhoodRow[]; error: unknown } {
  const [listed, setListed] = useState<NeighbourhoodRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<unknown>("/api/territory/neighbourhoods", undefined, { signal: controller.signal })
      .then((payload) => {
        const record = asRecord(payload);
        const items = Array.isArray(payload) ? payload : (record.neighbourhoods ?? record.items ?? record.data);
        setListed(Array.isArray(items) ? items.map(toRow) : []);
      })
      .catch((err) => {
        if (!isAbort(err)) setError(err);
      });
    return () => controller.abort();
  }, [locale]);

  const rows = useMemo(() => {
    const fromGeo = (features?.features ?? []).map((f) => toRow(f.properties));
    const byCode = new Map<string, NeighbourhoodRow>(fromGeo.map((r) => [r.code, r]));
    for (const r of listed ?? []) {
      const geo = byCode.get(r.code);
      byCode.set(r.code, {
        ...r,
        kind: r.kind || geo?.kind || "",
        municipality: r.municipality || geo?.municipality || "",
        population: r.population ?? geo?.population ?? null,
      });
    }
    return [...byCode.values()].filter((r) => r.code);
  }, [features, listed]);
  return { rows, error };
}

/** The choropleth values of one variable (and year, for yearly variables), cached per request. */
export function useChoropleth(variable: TerritoryVariable, year: number | null): { data: ChoroplethData | null; loading: boolean; error: unknown } {
  const cache = useRef(new Map<string, ChoroplethData>());
  const key = `${variable}:${year ?? ""}`;
  const [state, setState] = useState<{ key: string; data: ChoroplethData | null; error: unknown }>({ key: "", data: null, error: null });

  useEffect(() => {
    const cached = cache.current.get(key);
    if (cached) {
      setState({ key, data: cached, error: null });
      return;
    }
    const controller = new AbortController();
    // A short pause so dragging the year slider asks only for the year where it stops.
    const timer = window.setTimeout(() => {
      api
        .get<ChoroplethData>("/api/territory/choropleth", { variable, year: year ?? undefined }, { signal: controller.signal })
        .then((data) => {
          cache.current.set(key, data);
          setState({ key, data, error: null });
        })
        .catch((err) => {
          if (!isAbort(err)) setState((prev) => ({ key, data: prev.data, error: err }));
        });
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key, variable, year]);

  return { data: state.data, loading: state.key !== key, error: state.error };
}
