/**
 * The plan's governance: one working group per theme (11 to 40 members, as in December
 * 2018), the Coordination Committee for prevention and security and the Regional Security
 * Council. People are fictional; where a demo account fits, the member is that account.
 */
import type { BodyKind, MemberRole } from "../../../shared/plan.js";
import { Random } from "./random.js";
import { demoThemes, type Trilingual } from "./reference.js";
import { ZONES } from "./types.js";

export interface MemberPlan {
  org: string;
  name: string;
  role: MemberRole;
  userEmail: string | null;
  active: boolean;
}

export interface BodyPlan {
  key: string;
  kind: BodyKind;
  theme: number | null;
  names: Trilingual;
  members: MemberPlan[];
}

const firstNames = [
  "Sarah", "Thomas", "Nadia", "Pieter", "Julie", "Mehdi", "Sofie", "Karim", "Anne", "Bart", "Fatima", "Luc", "Inès", "Wouter",
  "Leila", "Jan", "Claire", "Youssef", "Hanne", "Marc", "Aïcha", "Tom", "Isabelle", "Samir", "Nathalie", "Nicolas", "Amira",
  "Geert", "Charlotte", "Hamza", "Lotte", "Olivier", "Salma", "Dirk", "Camille", "Ilias", "Katrien", "Laurent", "Yasmina", "Stijn",
];
const lastNames = [
  "Dubois", "Peeters", "El Amrani", "Janssens", "Lambert", "Maes", "Benali", "Claes", "Lejeune", "Wouters", "Ouali", "De Smet",
  "Renard", "Vermeulen", "Haddad", "Goossens", "Lemaire", "Mertens", "Bouzid", "Willems", "Fontaine", "Jacobs", "Kaya",
  "Van Damme", "Martin", "Hermans", "Cherif", "De Backer", "Simon", "Pauwels", "Azzouzi", "Michiels", "Leroy", "Vandenberghe",
  "Mahieu", "Yilmaz", "Collard", "Verstraeten", "Noël", "Aerts",
];

/** Municipalities, most involved first (the 19 sit in every group except themes 8 and 9). */
const MUNICIPALITIES = [21001, 21004, 21012, 21015, 21013, 21009, 21007, 21014, 21010, 21006, 21005, 21016, 21003, 21011, 21008, 21018, 21019, 21002, 21017].map(
  (nis) => `mun-${nis}`,
);

/** Active members per working group in December 2018 (11 to 40) and the organisations that sit on it, most involved first. */
const workingGroups: { count: number; pool: string[] }[] = [
  { count: 34, pool: ["asbl-mediation", "asbl-street-work", "prosecutor", "fps-justice", "siamu", "stib", "school-police", "school-administration", "actiris", "slrb", "federal-police", ...ZONES, ...MUNICIPALITIES] },
  { count: 40, pool: ["ocam", "state-security", "prosecutor", "fps-justice", "fps-interior", "federal-police", "asbl-street-work", "asbl-mediation", "school-police", "bps", ...ZONES, ...MUNICIPALITIES, "pz-5340", "pz-5344", "asbl-street-work"] },
  { count: 22, pool: ["asbl-addiction", "asbl-street-work", "stib", "prosecutor", "federal-police", "school-administration", ...ZONES, ...MUNICIPALITIES] },
  { count: 18, pool: ["prosecutor", "federal-police", "fps-justice", "slrb", "actiris", "asbl-street-work", "cibg", ...ZONES, ...MUNICIPALITIES] },
  { count: 29, pool: ["stib", "cibg", "urban", "federal-police", "prosecutor", "school-police", ...ZONES, ...MUNICIPALITIES] },
  { count: 25, pool: ["brussels-mobility", "stib", "federal-police", "siamu", "school-police", "perspective", ...ZONES, ...MUNICIPALITIES] },
  { count: 27, pool: ["net-brussel", "brussels-environment", "slrb", "asbl-mediation", "school-administration", ...ZONES, ...MUNICIPALITIES] },
  { count: 14, pool: ["cibg", "federal-police", "prosecutor", "fps-justice", "fps-interior", "school-police", "school-administration", "bruxelles-formation", "ocam", "state-security", "pz-5339", "pz-5344"] },
  { count: 11, pool: ["federal-police", "prosecutor", "fps-justice", "fps-interior", "pz-5339", "pz-5340", "pz-5341", "brussels-mobility", "state-security"] },
  { count: 20, pool: ["siamu", "federal-police", "stib", "cibg", "fps-interior", "school-fire", "school-emergency", "perspective", "urban", ...ZONES, ...MUNICIPALITIES] },
];

/** Demo accounts sitting on bodies: [body key, email, organisation]. The coordinator is secretary where listed. */
const linkedAccounts: [string, string, string][] = [
  ["wg-1", "editor@anderlecht.demo", "mun-21001"],
  ["wg-1", "editor@mediation.demo", "asbl-mediation"],
  ["wg-5", "analyst@zone-midi.demo", "pz-5341"],
  ["wg-6", "editor@stib.demo", "stib"],
  ["wg-7", "editor@anderlecht.demo", "mun-21001"],
  ["wg-7", "editor@mediation.demo", "asbl-mediation"],
  ["wg-9", "viewer@federal-police.demo", "federal-police"],
  ["committee", "admin@anderlecht.demo", "mun-21001"],
  ["committee", "analyst@bps.demo", "bps"],
];
const COORDINATOR = "coordinator@bps.demo";
const coordinatorIsSecretary = new Set(["wg-1", "wg-2", "wg-3", "wg-6", "wg-10", "committee", "council"]);

/** `leavers`: how many of the last members left during 2018 (kept, marked inactive). */
function namesFor(key: string, orgs: string[], roles: MemberRole[], displayNames: Map<string, string>, leavers = 0): MemberPlan[] {
  const r = new Random(`gvpp-body-${key}`);
  const used = new Set<string>();
  const linked = linkedAccounts.filter(([body]) => body === key);
  const members = orgs.map((org, i): MemberPlan => {
    const role = roles[i] ?? "member";
    if (role === "secretary" && coordinatorIsSecretary.has(key)) return { org, name: displayNames.get(COORDINATOR) ?? "Koen Coördinator", role, userEmail: COORDINATOR, active: true };
    const account = linked.find(([, email, o]) => o === org && displayNames.has(email) && !used.has(`account:${email}`));
    if (account && role === "member") {
      used.add(`account:${account[1]}`);
      return { org, name: displayNames.get(account[1])!, role, userEmail: account[1], active: true };
    }
    let name = "";
    do name = `${r.pick(firstNames)} ${r.pick(lastNames)}`;
    while (used.has(name));
    used.add(name);
    return { org, name, role, userEmail: null, active: true };
  });
  members.slice(members.length - leavers).forEach((m) => (m.active = false));
  return members;
}

/** The 12 bodies of the plan; `displayNames` maps demo e-mail addresses to their people's names. */
export function planBodies(displayNames: Map<string, string>): BodyPlan[] {
  const groups = workingGroups.map(({ count, pool }, i): BodyPlan => {
    const theme = demoThemes[i]!;
    const key = `wg-${i + 1}`;
    // `count` members sat on the group in December 2018; in the larger groups one or two more had left during 2018.
    const leavers = count >= 34 ? 2 : count >= 25 ? 1 : 0;
    const orgs = ["bps", "bps", ...pool, ...pool].slice(0, count + leavers);
    return {
      key,
      kind: "working_group",
      theme: i + 1,
      names: { fr: `Groupe de travail ${i + 1} – ${theme.fr}`, nl: `Werkgroep ${i + 1} – ${theme.nl}`, en: `Working group ${i + 1} – ${theme.en}` },
      members: namesFor(key, orgs, ["chair", "secretary"], displayNames, leavers),
    };
  });
  const committeeOrgs = ["bps", "bps", "bps", ...ZONES, "federal-police", "prosecutor", "mun-21001", "mun-21004", "stib", "siamu", "brussels-mobility"];
  const councilOrgs = ["bps", "bps", "bps", ...MUNICIPALITIES, ...ZONES, "federal-police", "prosecutor"];
  return [
    ...groups,
    {
      key: "committee",
      kind: "coordination_committee",
      theme: null,
      names: { fr: "Comité de coordination de prévention et de sécurité", nl: "Coördinatiecomité voor preventie en veiligheid", en: "Coordination Committee for prevention and security" },
      members: namesFor("committee", committeeOrgs, ["chair", "secretary"], displayNames),
    },
    {
      key: "council",
      kind: "security_council",
      theme: null,
      names: { fr: "Conseil régional de sécurité", nl: "Gewestelijke Veiligheidsraad", en: "Regional Security Council" },
      members: namesFor("council", councilOrgs, ["chair", "secretary"], displayNames),
    },
  ];
}
