/** Requests and answers of the reporting rounds: rounds, the inbox, updates, comments and evidence. */
import { z } from "@hono/zod-openapi";
import { idSchema, queryIdSchema } from "../../server/http/openapi.js";
import { NAME_MAX_LENGTH } from "../../shared/limits.js";
import { commentableFields, measureStatuses, roundStatuses, updateStates } from "../../shared/plan.js";
import { Actions, day, MeasureRef, OrganisationRef, Titles } from "./plan.schema.js";

/** Longest narrative an organisation may file, and longest comment or answer. */
export const NARRATIVE_MAX_LENGTH = 20_000;
export const COMMENT_MAX_LENGTH = 4_000;

const Day = day("2018-12-31");
const Id = idSchema();
const UpdateState = z.enum(updateStates);
const MeasureStatus = z.enum(measureStatuses);

// ---- rounds -----------------------------------------------------------------------
export const Round = z
  .object({
    id: z.number().int(),
    name: z.string().openapi({ description: "In the caller's language" }),
    names: Titles,
    periodLabel: z.string(),
    opensOn: z.string(),
    deadline: z.string(),
    status: z.enum(roundStatuses),
    counts: z.object({
      draft: z.number().int(),
      submitted: z.number().int(),
      returned: z.number().int(),
      validated: z.number().int(),
      late: z.number().int(),
    }),
    actions: Actions,
  })
  .openapi("PlanRound");

const Name = z.string().trim().min(1).max(NAME_MAX_LENGTH);

export const NewRoundBody = z
  .strictObject({
    nameFr: Name,
    nameNl: Name,
    nameEn: Name,
    periodLabel: z.string().trim().min(1).max(32).openapi({ example: "2018-S2" }),
    opensOn: Day,
    deadline: Day,
  })
  .openapi("NewPlanRound");

export const RoundChangesBody = z
  .strictObject({ deadline: Day.optional(), status: z.enum(roundStatuses).optional() })
  .openapi("PlanRoundChanges");

export const RoundUpdatesQuery = z.object({
  state: UpdateState.optional(),
  organisationId: queryIdSchema().optional(),
});

export const RoundUpdateRow = z
  .object({
    id: z.number().int(),
    measure: MeasureRef,
    organisation: OrganisationRef,
    state: UpdateState,
    version: z.number().int(),
    submittedAt: z.string().nullable(),
    late: z.boolean(),
    openComments: z.number().int(),
    actions: Actions,
  })
  .openapi("PlanRoundUpdate");

export const InboxItem = z
  .object({
    id: z.number().int(),
    round: z.object({ id: z.number().int(), name: z.string(), deadline: z.string() }),
    measure: MeasureRef,
    state: UpdateState,
    late: z.boolean(),
    openComments: z.number().int(),
    actions: Actions,
  })
  .openapi("PlanInboxItem");

// ---- one update -------------------------------------------------------------------
export const Evidence = z
  .object({ id: z.number().int(), filename: z.string(), contentType: z.string(), size: z.number().int(), uploadedAt: z.string() })
  .openapi("PlanEvidence");

export const UpdateDetail = z
  .object({
    id: z.number().int(),
    round: z.object({ id: z.number().int(), name: z.string(), periodLabel: z.string(), deadline: z.string(), status: z.enum(roundStatuses) }),
    measure: MeasureRef.extend({ status: MeasureStatus, progress: z.number() }),
    organisation: OrganisationRef,
    state: UpdateState,
    version: z.number().int(),
    status: MeasureStatus.nullable(),
    progress: z.number().int().nullable(),
    narrative: z.string(),
    narrativeLang: z.enum(["fr", "nl"]).nullable(),
    milestones: z.array(
      z.object({
        milestoneId: z.number().int(),
        title: z.string(),
        dueDate: z.string(),
        doneDate: z.string().nullable(),
        proposedDoneDate: z.string().nullable().openapi({ description: "What the update reports; the current done date when it reports nothing" }),
      }),
    ),
    indicators: z.array(
      z.object({
        indicatorId: z.number().int(),
        name: z.string(),
        unit: z.string(),
        baseline: z.object({ value: z.number().nullable(), year: z.number().int().nullable() }),
        target: z.object({ value: z.number().nullable(), year: z.number().int().nullable() }),
        current: z.object({ value: z.number().nullable(), on: z.string().nullable() }),
        proposedValue: z.number().nullable().openapi({ description: "The new value reported; null when none" }),
      }),
    ),
    evidence: z.array(Evidence),
    comments: z.array(
      z.object({
        id: z.number().int(),
        field: z.string(),
        kind: z.enum(["return", "answer"]),
        body: z.string(),
        author: z.object({ name: z.string().nullable(), organisation: OrganisationRef }),
        version: z.number().int(),
        resolved: z.boolean(),
        createdAt: z.string(),
      }),
    ),
    revisions: z.array(
      z.object({
        version: z.number().int(),
        action: z.enum(["submitted", "returned", "validated"]),
        at: z.string(),
        actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      }),
    ),
    late: z.boolean(),
    actions: z.array(z.string()).openapi({ description: "Among file, submit, return, validate" }),
  })
  .openapi("PlanUpdate");

export const FileUpdateBody = z
  .strictObject({
    status: MeasureStatus.nullable(),
    progress: z.number().int().min(0).max(100).nullable(),
    narrative: z.string().max(NARRATIVE_MAX_LENGTH).default(""),
    narrativeLang: z.enum(["fr", "nl"]).nullable().optional().openapi({ description: "Required when the narrative is not empty" }),
    milestones: z.array(z.strictObject({ milestoneId: Id, doneDate: Day.nullable() })).max(500).default([]),
    indicators: z.array(z.strictObject({ indicatorId: Id, value: z.number() })).max(500).default([]),
  })
  .openapi("PlanUpdateFiling");

const CommentBody = z.string().trim().min(1).max(COMMENT_MAX_LENGTH);

export const SubmitBody = z
  .strictObject({ answers: z.array(z.strictObject({ commentId: Id, body: CommentBody })).max(100).optional() })
  .openapi("PlanUpdateSubmission");

export const ReturnBody = z
  .strictObject({ comments: z.array(z.strictObject({ field: z.enum(commentableFields), body: CommentBody })).min(1).max(commentableFields.length) })
  .openapi("PlanUpdateReturn");

export const EvidenceCreated = z
  .object({ id: z.number().int(), filename: z.string(), contentType: z.string(), size: z.number().int() })
  .openapi("PlanEvidenceCreated");

/** The upload form, for the API documentation (the handler reads the multipart body itself). */
export const evidenceUploadForm = {
  type: "object" as const,
  properties: { file: { type: "string" as const, format: "binary", description: "pdf, png, jpeg, docx, xlsx, odt, ods, csv or txt; at most 10 MB" } },
  required: ["file"],
};
