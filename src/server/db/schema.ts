import type { ApiTokenTable, OrganisationTable, SessionTable, UserTable } from "../../modules/access/access.table.js";
import type { AuditLogTable } from "../../modules/audit/audit.table.js";
import type {
  MunicipalityTable,
  NeighbourhoodPopulationTable,
  NeighbourhoodShareTable,
  NeighbourhoodTable,
  PoliceZoneTable,
  TerritoryGeometryTable,
} from "../../modules/territory/territory.table.js";

/** Every table Vigil owns; each module declares its own in `<module>.table.ts`. */
export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  police_zones: PoliceZoneTable;
  municipalities: MunicipalityTable;
  neighbourhoods: NeighbourhoodTable;
  neighbourhood_municipality_shares: NeighbourhoodShareTable;
  neighbourhood_population: NeighbourhoodPopulationTable;
  territory_geometries: TerritoryGeometryTable;
  reference_data: { key: string; version: string; loaded_at: string };
}
