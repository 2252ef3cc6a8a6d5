/**
 * Request and response schemas of the priority-zone API (zones.routes.ts): compute a run,
 * list runs and proposals (filters by status, category group and run), one proposal with
 * its full evidence, and a decision. Every GET query parameter is optional, so a bare GET answers.
 */
import { z } from "@hono/zod-openapi";
import { pathIdSchema } from "../../server/http/openapi.js";
import { COMBINATIONS } from "./priority-zones.js";

export const ProposalStatus = z.enum(["proposed", "accepted", "rejected"]);
const groupLabel = z.string().trim().min(1).max(100);
const runKey = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .openapi({ description: "Run key: SHA-256 (hex) of the run's inputs and options", example: "3f5a…" });

export const ProposalsQuery = z.object({
  status: ProposalStatus.optional().openapi({ description: "Only proposals with this status (default: all)" }),
  group: groupLabel.optional().openapi({ description: "Only this category group (the label given when computing; default: all)", example: "theft" }),
  run: runKey.optional().openapi({ description: "Only this run (default: all)" }),
});
export const ProposalIdParam = z.object({ id: pathIdSchema("id") });

export const ProposeBody = z
  .strictObject({
    categoryCodes: z.array(z.string().trim().min(1).max(100)).min(1).max(30),
    groupLabel,
  })
  .openapi("PriorityZoneRequest");
export const DecisionBody = z
  .strictObject({ decision: z.enum(["accepted", "rejected"]), reason: z.string().trim().min(1).max(2000) })
  .openapi("PriorityZoneDecision");

const Names = z.object({ fr: z.string(), nl: z.string() });
const localName = z.string().openapi({ description: "In the caller's language" });
const Neighbourhood = z.object({ code: z.number().int(), name: localName, names: Names });
const Municipality = z.object({ nisCode: z.number().int(), name: localName, names: Names });

const Summary = z.object({
  qualifyingYears: z.array(z.number().int()).openapi({ description: "Years in which all four tests found a significant hot spot" }),
  yearsAssessed: z.number().int().openapi({ description: "Years of the window (m)" }),
});

const proposalFields = {
  id: z.number().int(),
  runKey: z.string(),
  categoryGroup: z.string(),
  neighbourhoodCode: z.number().int(),
  neighbourhood: Neighbourhood,
  municipality: Municipality.nullable().openapi({ description: "The neighbourhood's primary municipality" }),
  status: ProposalStatus,
  reason: z.string().nullable(),
  decidedBy: z.string().nullable().openapi({ description: "Display name of who decided" }),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.object({ decide: z.boolean().openapi({ description: "The caller may accept or reject it now" }) }),
};

export const Proposal = z.object({ ...proposalFields, evidence: Summary.openapi({ description: "Summary of the stored evidence" }) }).openapi("PriorityZoneProposal");

export const ZoneRule = z
  .object({
    categoryCodes: z.array(z.string()),
    years: z.number().int().openapi({ description: "m: the last m years are assessed" }),
    required: z.number().int().openapi({ description: "k: qualifying years needed among them" }),
    alpha: z.number().openapi({ description: "False-discovery rate (Benjamini-Hochberg), per year and combination" }),
    permutations: z.number().int(),
    seed: z.number().int(),
    knn: z.number().int().openapi({ description: "Neighbours of the k-nearest-neighbour weights" }),
    residentialOnly: z.boolean(),
    lastYear: z.number().int().nullable(),
  })
  .openapi("PriorityZoneRule");

const Test = z.object({
  combination: z.enum(COMBINATIONS),
  rate: z.enum(["raw", "smoothed"]),
  weights: z.enum(["queen", "knn"]),
  tested: z.boolean().openapi({ description: "False where the unit was left out that year (no residents, no neighbour)" }),
  ratePer1000: z.number().nullable(),
  z: z.number().nullable(),
  pseudoP: z.number().nullable().openapi({ description: "Conditional-permutation pseudo p-value" }),
  q: z.number().nullable().openapi({ description: "Benjamini-Hochberg adjusted p-value" }),
  significant: z.boolean().openapi({ description: "Rejected by Benjamini-Hochberg at alpha" }),
  hot: z.boolean().openapi({ description: "Significant and z > 0: a hot spot" }),
});

export const ProposalDetail = z
  .object({
    ...proposalFields,
    evidence: Summary.extend({
      rule: ZoneRule.nullable().openapi({ description: "Null for proposals stored before the rule was kept with them" }),
      years: z.array(z.object({ year: z.number().int(), qualifies: z.boolean(), tests: z.array(Test) })),
    }),
  })
  .openapi("PriorityZoneProposalDetail");

export const ProposalRun = z
  .object({ runKey: z.string(), years: z.array(z.number().int()), inserted: z.number().int(), proposals: z.array(Proposal) })
  .openapi("PriorityZoneRun");

export const RunSummary = z
  .object({
    runKey: z.string(),
    categoryGroup: z.string(),
    createdAt: z.string(),
    proposals: z.number().int(),
    proposed: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
  })
  .openapi("PriorityZoneRunSummary");
