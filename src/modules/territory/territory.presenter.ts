import { localName, type Locale } from "../../shared/locale.js";
import type { Location } from "./territory.spatial.js";
import type { MunicipalityRecord, Names, NeighbourhoodProfile, NeighbourhoodRecord, PoliceZoneRecord } from "./territory.service.js";

/** `name` in the reader's language next to both official names. */
const named = (locale: Locale, names: Names) => ({ name: localName(locale, names), names });

export function presentPoliceZone(locale: Locale, zone: PoliceZoneRecord) {
  return {
    id: zone.id,
    ...named(locale, zone.names),
    shortName: zone.shortName,
    areaKm2: zone.areaKm2,
    population2020: zone.population2020,
    municipalities: zone.municipalities,
  };
}

export function presentMunicipality(locale: Locale, m: MunicipalityRecord) {
  return {
    nisCode: m.nisCode,
    ...named(locale, m.names),
    policeZoneId: m.policeZoneId,
    postalCodes: m.postalCodes,
    areaKm2: m.areaKm2,
    population2020: m.population2020,
    centroid: m.centroid,
    neighbourhoods: m.neighbourhoods,
  };
}

export function presentNeighbourhood(locale: Locale, n: NeighbourhoodRecord) {
  return {
    code: n.code,
    kind: n.kind,
    ...named(locale, n.names),
    areaKm2: n.areaKm2,
    centroid: n.centroid,
    primaryMunicipality: { nisCode: n.primaryMunicipality.nisCode, name: localName(locale, n.primaryMunicipality.names) },
    primaryPoliceZone: n.primaryPoliceZone,
    municipalities: n.municipalities.map((m) => ({ nisCode: m.nisCode, name: localName(locale, m.names), share: m.share })),
    policeZones: n.policeZones,
    population: n.population,
    foreignNationals: n.foreignNationals,
    indicators: n.indicators,
  };
}

export function presentNeighbourhoodProfile(locale: Locale, profile: NeighbourhoodProfile) {
  return { ...presentNeighbourhood(locale, profile), series: profile.series };
}

export function presentLocation(locale: Locale, location: Location) {
  const { neighbourhood, municipality, policeZone } = location;
  return {
    neighbourhood: neighbourhood && { code: neighbourhood.code, name: localName(locale, neighbourhood.names) },
    municipality: municipality && { nisCode: municipality.nisCode, name: localName(locale, municipality.names) },
    policeZone: policeZone && { id: policeZone.id, name: localName(locale, policeZone.names) },
  };
}

export function presentApportioned(locale: Locale, rows: { nisCode: number; names: Names; value: number }[]) {
  return { municipalities: rows.map((r) => ({ nisCode: r.nisCode, name: localName(locale, r.names), value: r.value })) };
}
