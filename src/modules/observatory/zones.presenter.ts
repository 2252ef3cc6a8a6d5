/**
 * Priority-zone proposals as the API shows them: names in the caller's language, who
 * decided by display name only, the actions the caller may take, and the stored evidence
 * either summarised (lists) or laid out per year and combination (one proposal).
 */
import { localName, type Locale } from "../../shared/locale.js";
import { COMBINATIONS, type Combination, type RateKind, type TestEvidence, type WeightsName } from "./priority-zones.js";
import type { ProposalRow } from "./priority-zones.read.js";
import type { StoredEvidence, StoredRule } from "./priority-zones.service.js";

const statuses = ["proposed", "accepted", "rejected"] as const;

/** The stored JSON, or an empty evidence when it cannot be read (never expected: computeProposals writes it). */
function storedEvidence(row: ProposalRow): StoredEvidence {
  try {
    const parsed = JSON.parse(row.evidence) as Partial<StoredEvidence>;
    return { qualifyingYears: parsed.qualifyingYears ?? [], years: parsed.years ?? [], ...(parsed.rule ? { rule: parsed.rule } : {}) };
  } catch {
    return { qualifyingYears: [], years: [] };
  }
}

function proposalFields(locale: Locale, row: ProposalRow, mayDecide: boolean) {
  const status = statuses.find((s) => s === row.status) ?? "proposed";
  const neighbourhoodNames = { fr: row.neighbourhood_fr, nl: row.neighbourhood_nl };
  const municipalityNames = { fr: row.municipality_fr ?? "", nl: row.municipality_nl ?? "" };
  return {
    id: row.id,
    runKey: row.run_key,
    categoryGroup: row.category_group,
    neighbourhoodCode: row.neighbourhood_code,
    neighbourhood: { code: row.neighbourhood_code, name: localName(locale, neighbourhoodNames), names: neighbourhoodNames },
    municipality: row.municipality_nis === null ? null : { nisCode: row.municipality_nis, name: localName(locale, municipalityNames), names: municipalityNames },
    status,
    reason: row.reason,
    decidedBy: row.decided_by_name,
    decidedAt: row.decided_at === null ? null : String(row.decided_at),
    createdAt: String(row.created_at),
    actions: { decide: mayDecide && status === "proposed" },
  };
}

/** One row of a list: the evidence summarised as its qualifying years and the size of the window. */
export function presentProposal(locale: Locale, row: ProposalRow, mayDecide: boolean) {
  const evidence = storedEvidence(row);
  return { ...proposalFields(locale, row, mayDecide), evidence: { qualifyingYears: evidence.qualifyingYears, yearsAssessed: evidence.years.length } };
}

/**
 * One test as read: `significant` is the Benjamini-Hochberg rejection (adjusted q <= alpha;
 * for z > 0 the stored `hot` decision itself, so the two never disagree by rounding).
 */
function presentTest(combination: Combination, test: TestEvidence | null | undefined, alpha: number | null) {
  const [rate, weights] = combination.split("/") as [RateKind, WeightsName];
  if (!test) return { combination, rate, weights, tested: false, ratePer1000: null, z: null, pseudoP: null, q: null, significant: false, hot: false };
  const significant = test.z > 0 ? test.hot : alpha !== null && test.q <= alpha;
  return { combination, rate, weights, tested: true, ratePer1000: test.rate, z: test.z, pseudoP: test.p, q: test.q, significant, hot: test.hot };
}

function presentRule(rule: StoredRule | undefined) {
  if (!rule) return null;
  const { categoryCodes, years, required, alpha, permutations, seed, knn, residentialOnly, lastYear } = rule;
  return { categoryCodes, years, required, alpha, permutations, seed, knn, residentialOnly, lastYear };
}

/** One proposal with its full evidence: per year of the window, the four tests in a fixed order. */
export function presentProposalDetail(locale: Locale, row: ProposalRow, mayDecide: boolean) {
  const evidence = storedEvidence(row);
  const alpha = evidence.rule?.alpha ?? null;
  return {
    ...proposalFields(locale, row, mayDecide),
    evidence: {
      qualifyingYears: evidence.qualifyingYears,
      yearsAssessed: evidence.years.length,
      rule: presentRule(evidence.rule),
      years: evidence.years.map((y) => ({ year: y.year, qualifies: y.qualifies, tests: COMBINATIONS.map((c) => presentTest(c, y.tests?.[c], alpha)) })),
    },
  };
}
