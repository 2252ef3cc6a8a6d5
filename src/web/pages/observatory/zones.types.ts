/** The priority-zone API as the zones page reads it (GET/POST /api/observatory/zones/...), and the map's status colours. */

export const zoneStatuses = ["proposed", "accepted", "rejected"] as const;
export type ZoneStatus = (typeof zoneStatuses)[number];

export interface ZoneRun {
  runKey: string;
  categoryGroup: string;
  createdAt: string;
  proposals: number;
  proposed: number;
  accepted: number;
  rejected: number;
}

interface Names {
  fr: string;
  nl: string;
}

export interface ZoneProposal {
  id: number;
  runKey: string;
  categoryGroup: string;
  neighbourhoodCode: number;
  neighbourhood: { code: number; name: string; names: Names };
  municipality: { nisCode: number; name: string; names: Names } | null;
  status: ZoneStatus;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  actions: { decide: boolean };
  evidence: { qualifyingYears: number[]; yearsAssessed: number };
}

export interface ZoneRule {
  categoryCodes: string[];
  years: number;
  required: number;
  alpha: number;
  permutations: number;
  seed: number;
  knn: number;
  residentialOnly: boolean;
  lastYear: number | null;
}

export interface ZoneTest {
  combination: "raw/queen" | "raw/knn" | "smoothed/queen" | "smoothed/knn";
  rate: "raw" | "smoothed";
  weights: "queen" | "knn";
  tested: boolean;
  ratePer1000: number | null;
  z: number | null;
  pseudoP: number | null;
  q: number | null;
  significant: boolean;
  hot: boolean;
}

export interface ZoneProposalDetail extends Omit<ZoneProposal, "evidence"> {
  evidence: {
    qualifyingYears: number[];
    yearsAssessed: number;
    rule: ZoneRule | null;
    years: Array<{ year: number; qualifies: boolean; tests: ZoneTest[] }>;
  };
}

export interface ZoneRunResult {
  runKey: string;
  years: number[];
  inserted: number;
  proposals: ZoneProposal[];
}

/** Diverging PuOr (ColorBrewer, colour-blind safe): accepted dark orange, proposed light orange, rejected purple; the rest light grey. */
export const statusFill: Record<ZoneStatus | "none", string> = {
  accepted: "#b35806",
  proposed: "#f1a340",
  rejected: "#998ec3",
  none: "#dde1e6",
};
