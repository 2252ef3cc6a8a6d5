import type { Transaction } from "kysely";
import type { Database } from "../../server/db/schema.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { hashPassword } from "./password.js";

interface OrgSeed {
  kind: OrganisationKind;
  code: string;
  fr: string;
  nl: string;
  en: string;
  demo?: boolean;
}

/** The agency, the regional institutions and federal partners named in the 2018 annual report, the 4 schools of the training centre. */
const namedOrganisations: OrgSeed[] = [
  { kind: "agency", code: "bps", fr: "Bruxelles Prévention & Sécurité", nl: "Brussel Preventie & Veiligheid", en: "Brussels Prevention & Security" },
  { kind: "regional_institution", code: "stib", fr: "STIB", nl: "MIVB", en: "STIB (Brussels public transport)" },
  { kind: "regional_institution", code: "brussels-mobility", fr: "Bruxelles Mobilité", nl: "Brussel Mobiliteit", en: "Brussels Mobility" },
  { kind: "regional_institution", code: "brussels-environment", fr: "Bruxelles Environnement", nl: "Leefmilieu Brussel", en: "Brussels Environment" },
  { kind: "regional_institution", code: "net-brussel", fr: "Bruxelles-Propreté", nl: "Net Brussel", en: "Brussels cleanliness agency" },
  { kind: "regional_institution", code: "cibg", fr: "CIRB", nl: "CIBG", en: "Brussels regional IT centre" },
  { kind: "regional_institution", code: "siamu", fr: "SIAMU", nl: "DBDMH", en: "Brussels fire and emergency medical service" },
  { kind: "regional_institution", code: "perspective", fr: "perspective.brussels", nl: "perspective.brussels", en: "perspective.brussels" },
  { kind: "regional_institution", code: "urban", fr: "urban.brussels", nl: "urban.brussels", en: "urban.brussels" },
  { kind: "regional_institution", code: "actiris", fr: "Actiris", nl: "Actiris", en: "Actiris" },
  { kind: "regional_institution", code: "bruxelles-formation", fr: "Bruxelles Formation", nl: "Bruxelles Formation", en: "Bruxelles Formation" },
  { kind: "regional_institution", code: "slrb", fr: "Société du Logement de la Région de Bruxelles-Capitale", nl: "Brusselse Gewestelijke Huisvestingsmaatschappij", en: "Brussels regional housing company" },
  { kind: "federal_partner", code: "federal-police", fr: "Police fédérale", nl: "Federale politie", en: "Federal police" },
  { kind: "federal_partner", code: "prosecutor", fr: "Parquet de Bruxelles", nl: "Parket van Brussel", en: "Brussels public prosecutor" },
  { kind: "federal_partner", code: "ocam", fr: "OCAM", nl: "OCAD", en: "Coordination unit for threat analysis (OCAM/OCAD)" },
  { kind: "federal_partner", code: "state-security", fr: "Sûreté de l'État", nl: "Staatsveiligheid", en: "State Security" },
  { kind: "federal_partner", code: "fps-interior", fr: "SPF Intérieur", nl: "FOD Binnenlandse Zaken", en: "FPS Home Affairs" },
  { kind: "federal_partner", code: "fps-justice", fr: "SPF Justice", nl: "FOD Justitie", en: "FPS Justice" },
  { kind: "school", code: "school-police", fr: "École régionale et intercommunale de police", nl: "Gewestelijke en Intergemeentelijke Politieschool", en: "Regional police school" },
  { kind: "school", code: "school-emergency", fr: "Institut de formation de l'aide médicale urgente", nl: "Opleidingsinstituut dringende medische hulpverlening", en: "Emergency medical training institute" },
  { kind: "school", code: "school-fire", fr: "Centre de formation des pompiers", nl: "Opleidingscentrum brandweer", en: "Fire service training centre" },
  { kind: "school", code: "school-administration", fr: "École régionale d'administration publique", nl: "Gewestelijke School voor Openbaar Bestuur", en: "Regional school of public administration" },
  { kind: "association", code: "asbl-mediation", fr: "Médiation de quartier (démo)", nl: "Buurtbemiddeling (demo)", en: "Neighbourhood mediation (demo)", demo: true },
  { kind: "association", code: "asbl-street-work", fr: "Travail de rue Bruxelles (démo)", nl: "Straathoekwerk Brussel (demo)", en: "Street work Brussels (demo)", demo: true },
  { kind: "association", code: "asbl-addiction", fr: "Prévention des assuétudes (démo)", nl: "Verslavingspreventie (demo)", en: "Addiction prevention (demo)", demo: true },
];

/**
 * Creates the organisations of the region once: the agency, one per municipality and
 * police zone (from the territory tables), the named institutions, partners and schools.
 * Safe to run again: existing codes are left as they are.
 */
export async function seedOrganisations(trx: Transaction<Database>, now = new Date()): Promise<number> {
  const municipalities = await trx.selectFrom("municipalities").select(["nis_code", "name_fr", "name_nl"]).orderBy("nis_code").execute();
  const zones = await trx.selectFrom("police_zones").select(["id", "name_fr", "name_nl"]).orderBy("id").execute();
  const rows = [
    ...namedOrganisations.map((o) => ({ kind: o.kind, code: o.code, name_fr: o.fr, name_nl: o.nl, name_en: o.en, territory_level: null, territory_code: null })),
    ...municipalities.map((m) => ({
      kind: "municipality",
      code: `mun-${m.nis_code}`,
      name_fr: `Commune de ${m.name_fr}`,
      name_nl: `Gemeente ${m.name_nl}`,
      name_en: `Municipality of ${m.name_fr}`,
      territory_level: "municipality",
      territory_code: String(m.nis_code),
    })),
    ...zones.map((z) => ({
      kind: "police_zone",
      code: `pz-${z.id}`,
      name_fr: `Zone de police ${z.name_fr}`,
      name_nl: `Politiezone ${z.name_nl}`,
      name_en: `Police zone ${z.name_fr}`,
      territory_level: "police_zone",
      territory_code: String(z.id),
    })),
  ];
  const existing = new Set((await trx.selectFrom("organisations").select("code").execute()).map((r) => r.code));
  const fresh = rows.filter((r) => !existing.has(r.code)).map((r) => ({ ...r, active: 1, created_at: now.toISOString() }));
  if (fresh.length) await trx.insertInto("organisations").values(fresh).execute();
  return fresh.length;
}

export const DEMO_PASSWORD = "vigil-demo-2026";

export interface DemoAccount {
  email: string;
  role: Role;
  organisationCode: string;
  displayName: string;
}

/** One account per role at the agency, and one per kind of partner organisation. */
export const demoAccounts: DemoAccount[] = [
  { email: "admin@bps.demo", role: "admin", organisationCode: "bps", displayName: "Amina Admin" },
  { email: "coordinator@bps.demo", role: "coordinator", organisationCode: "bps", displayName: "Koen Coördinator" },
  { email: "analyst@bps.demo", role: "analyst", organisationCode: "bps", displayName: "Anaïs Analyste" },
  { email: "editor@bps.demo", role: "editor", organisationCode: "bps", displayName: "Eva Editor" },
  { email: "viewer@bps.demo", role: "viewer", organisationCode: "bps", displayName: "Victor Viewer" },
  { email: "admin@anderlecht.demo", role: "admin", organisationCode: "mun-21001", displayName: "Ahmed Anderlecht" },
  { email: "editor@anderlecht.demo", role: "editor", organisationCode: "mun-21001", displayName: "Els Anderlecht" },
  { email: "analyst@zone-midi.demo", role: "analyst", organisationCode: "pz-5341", displayName: "Pieter Politie" },
  { email: "editor@stib.demo", role: "editor", organisationCode: "stib", displayName: "Sofia STIB" },
  { email: "editor@mediation.demo", role: "editor", organisationCode: "asbl-mediation", displayName: "Marc Médiation" },
  { email: "viewer@federal-police.demo", role: "viewer", organisationCode: "federal-police", displayName: "Frederik Federaal" },
  { email: "viewer@police-school.demo", role: "viewer", organisationCode: "school-police", displayName: "Sarah School" },
];

/** Creates the demo accounts that do not exist yet, all with DEMO_PASSWORD. */
export async function seedDemoAccounts(trx: Transaction<Database>, now = new Date()): Promise<DemoAccount[]> {
  const orgs = new Map((await trx.selectFrom("organisations").select(["id", "code"]).execute()).map((o) => [o.code, o.id]));
  const existing = new Set((await trx.selectFrom("users").select("email").execute()).map((u) => u.email));
  const missing = demoAccounts.filter((a) => !existing.has(a.email) && orgs.has(a.organisationCode));
  if (!missing.length) return [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await trx
    .insertInto("users")
    .values(
      missing.map((a) => ({
        email: a.email,
        display_name: a.displayName,
        password_hash: passwordHash,
        organisation_id: orgs.get(a.organisationCode)!,
        role: a.role,
        locale: a.organisationCode === "stib" || a.organisationCode === "federal-police" ? "nl" : "fr",
        active: 1,
        failed_logins: 0,
        locked_until: null,
        must_change_password: 0,
        password_changed_at: now.toISOString(),
        last_login_at: null,
        created_at: now.toISOString(),
      })),
    )
    .execute();
  return missing;
}
