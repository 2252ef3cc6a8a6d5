/** Request and response shapes of plans, measures, milestones, indicators, progress and the overview. */
import { z } from "@hono/zod-openapi";
import { idSchema, queryIdSchema } from "../../server/http/openapi.js";
import { NAME_MAX_LENGTH } from "../../shared/limits.js";
import { approaches, indicatorDirections, measureStatuses, pillars, planStatuses, territoryLevels } from "../../shared/plan.js";
import { day, IdParam, nulFreeText, PlanIdParam } from "./plan.schema.js";

export const CODE_MAX_LENGTH = 32;
export const TITLE_MAX_LENGTH = 500;
export const DESCRIPTION_MAX_LENGTH = 20_000;
export const UNIT_MAX_LENGTH = 40;
export const WEIGHT_MAX = 1000;
/** Most themes, goals, priorities or kept measures one request may carry. */
export const LIST_MAX = 500;

const plain = nulFreeText;
const text = (max: number) => plain().trim().min(1).max(max);
const id = idSchema();
const Day = day("2018-06-30");
const Year = z.number().int().min(1990).max(2100);
const Weight = z.number().min(0).max(WEIGHT_MAX);
const queryId = queryIdSchema;

export { IdParam, PlanIdParam as PlanParam };
export const MeasureStatus = z.enum(measureStatuses);
export const Pillar = z.enum(pillars);
export const Approach = z.enum(approaches);
export const Scope = z.enum(["region", "territories"]).openapi({ description: "`territories`: the measure lists where it applies" });
export const TerritoryLevel = z.enum(territoryLevels);

// ---- requests ---------------------------------------------------------------------
const NumberedInput = z.strictObject({
  titleFr: text(TITLE_MAX_LENGTH),
  titleNl: text(TITLE_MAX_LENGTH),
  titleEn: text(TITLE_MAX_LENGTH),
  weight: Weight.optional().openapi({ description: "Weight in the plan's roll-up (themes); 1 by default" }),
});

export const NewPlanBody = z
  .strictObject({
    code: plain().trim().min(1).max(CODE_MAX_LENGTH).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    titleFr: text(NAME_MAX_LENGTH),
    titleNl: text(NAME_MAX_LENGTH),
    titleEn: text(NAME_MAX_LENGTH),
    startYear: Year,
    endYear: Year,
    copyFromPlanId: id.optional().openapi({ description: "Start from this plan: its themes, goals, priorities and (kept) measures are copied" }),
    keepMeasureCodes: z.array(text(CODE_MAX_LENGTH)).max(LIST_MAX).optional()
      .openapi({ description: "With copyFromPlanId: the measures to carry over (all when absent)" }),
    themes: z.array(NumberedInput).max(LIST_MAX).optional().openapi({ description: "Without copyFromPlanId: the themes, numbered in order" }),
    goals: z.array(NumberedInput).max(LIST_MAX).optional().openapi({ description: "Without copyFromPlanId: the transversal goals" }),
    priorities: z.array(NumberedInput).max(LIST_MAX).optional().openapi({ description: "Without copyFromPlanId: the priorities" }),
  })
  .openapi("NewPlan");

const TerritoryInput = z.strictObject({
  level: TerritoryLevel,
  code: idSchema().openapi({ description: "NIS code, neighbourhood code or police zone number" }),
});

const measureFields = {
  code: text(CODE_MAX_LENGTH),
  themeId: id,
  titleFr: text(TITLE_MAX_LENGTH),
  titleNl: text(TITLE_MAX_LENGTH),
  descriptionFr: plain().trim().max(DESCRIPTION_MAX_LENGTH),
  descriptionNl: plain().trim().max(DESCRIPTION_MAX_LENGTH),
  pillar: Pillar,
  approach: Approach,
  leadOrganisationId: id,
  partnerOrganisationIds: z.array(id).max(LIST_MAX),
  goalIds: z.array(id).max(LIST_MAX),
  priorityIds: z.array(id).max(LIST_MAX),
  scope: Scope,
  territories: z.array(TerritoryInput).max(LIST_MAX),
  status: MeasureStatus,
  progress: z.number().int().min(0).max(100),
  weight: Weight,
};

const { descriptionFr, descriptionNl, partnerOrganisationIds, goalIds, priorityIds, scope, territories, status, progress, weight, ...required } = measureFields;
export const NewMeasureBody = z
  .strictObject({
    ...required,
    descriptionFr: descriptionFr.optional(),
    descriptionNl: descriptionNl.optional(),
    partnerOrganisationIds: partnerOrganisationIds.optional(),
    goalIds: goalIds.optional(),
    priorityIds: priorityIds.optional(),
    scope: scope.optional().openapi({ description: "`region` by default" }),
    territories: territories.optional(),
    status: status.optional().openapi({ description: "`planned` by default" }),
    progress: progress.optional(),
    weight: weight.optional().openapi({ description: "Weight in its theme's roll-up; 1 by default" }),
  })
  .openapi("NewPlanMeasure");
export const MeasureChangesBody = z.strictObject(measureFields).partial().openapi("PlanMeasureChanges");

export const NewMilestoneBody = z
  .strictObject({ titleFr: text(TITLE_MAX_LENGTH), titleNl: text(TITLE_MAX_LENGTH), dueDate: Day, doneDate: Day.nullable().optional() })
  .openapi("NewPlanMilestone");
export const MilestoneChangesBody = NewMilestoneBody.partial().strict().openapi("PlanMilestoneChanges");

export const NewIndicatorBody = z
  .strictObject({
    nameFr: text(TITLE_MAX_LENGTH),
    nameNl: text(TITLE_MAX_LENGTH),
    unit: text(UNIT_MAX_LENGTH).openapi({ example: "count" }),
    direction: z.enum(indicatorDirections),
    baselineValue: z.number().nullable(),
    baselineYear: Year.nullable(),
    targetValue: z.number().nullable(),
    targetYear: Year.nullable(),
  })
  .openapi("NewPlanIndicator");
export const IndicatorChangesBody = NewIndicatorBody.partial().strict().openapi("PlanIndicatorChanges");

export const MeasureQuery = z.object({
  theme: queryId().optional().openapi({ description: "Theme id" }),
  pillar: Pillar.optional(),
  status: MeasureStatus.optional(),
  lead: queryId().optional().openapi({ description: "Lead organisation id" }),
  q: plain().trim().max(200).optional().openapi({ description: "Words of the code or title (either language, accents ignored)" }),
});

export const ExplainQuery = z.object({
  level: z.enum(["plan", "theme"]).default("plan"),
  id: queryId().optional().openapi({ description: "The theme id (level=theme)" }),
});

// ---- responses --------------------------------------------------------------------
const Titles = z.object({ fr: z.string(), nl: z.string(), en: z.string() });
const local = z.string().openapi({ description: "In the caller's language" });
const actions = z.array(z.string()).openapi({ description: "What the caller may do with it" });
const Ref = z.object({ id: z.number().int(), number: z.number().int(), title: local });
const OrgRef = z.object({ id: z.number().int(), code: z.string(), name: local });

export const Plan = z
  .object({
    id: z.number().int(),
    code: z.string(),
    title: local,
    titles: Titles,
    startYear: z.number().int(),
    endYear: z.number().int(),
    status: z.enum(planStatuses),
    isDemo: z.boolean(),
    actions,
  })
  .openapi("Plan");

const Numbered = z.object({ id: z.number().int(), number: z.number().int(), title: local, titles: Titles, weight: z.number() });
export const PlanDetail = Plan.extend({ themes: z.array(Numbered), goals: z.array(Numbered), priorities: z.array(Numbered) }).openapi("PlanDetail");

export const MeasureSummary = z
  .object({
    id: z.number().int(),
    code: z.string(),
    title: local,
    titles: Titles,
    theme: Ref,
    pillar: Pillar,
    approach: Approach,
    leadOrganisation: OrgRef,
    status: MeasureStatus,
    progress: z.number().int(),
    weight: z.number(),
    scope: Scope,
    isDemo: z.boolean(),
    lateMilestones: z.number().int(),
    actions,
  })
  .openapi("PlanMeasureSummary");

export const Milestone = z
  .object({ id: z.number().int(), position: z.number().int(), title: local, titles: Titles, dueDate: z.string(), doneDate: z.string().nullable(), late: z.boolean() })
  .openapi("PlanMilestone");

const ValueYear = z.object({ value: z.number().nullable(), year: z.number().int().nullable() });
export const Indicator = z
  .object({
    id: z.number().int(),
    name: local,
    names: Titles,
    unit: z.string(),
    direction: z.enum(indicatorDirections),
    baseline: ValueYear,
    target: ValueYear,
    current: z.object({ value: z.number().nullable(), on: z.string().nullable() }),
    attainment: z.number().nullable().openapi({ description: "0-100: share of the way from baseline to target; null when unknown" }),
  })
  .openapi("PlanIndicator");

export const MeasureDetail = MeasureSummary.extend({
  descriptions: z.object({ fr: z.string(), nl: z.string() }),
  goals: z.array(Ref),
  priorities: z.array(Ref),
  partners: z.array(OrgRef),
  territories: z.array(z.object({ level: TerritoryLevel, code: z.number().int(), name: local })),
  milestones: z.array(Milestone),
  indicators: z.array(Indicator),
  history: z.array(
    z.object({
      updateId: z.number().int(),
      round: z.object({ id: z.number().int(), name: local, periodLabel: z.string() }),
      state: z.string(),
      version: z.number().int(),
      status: z.string().nullable(),
      progress: z.number().int().nullable(),
      submittedAt: z.string().nullable(),
      validatedAt: z.string().nullable(),
      late: z.boolean(),
    }),
  ),
  meetings: z.array(
    z.object({ meetingId: z.number().int(), startsAt: z.string(), body: z.object({ id: z.number().int(), name: local, kind: z.string() }), agendaTitle: local }),
  ),
  decisions: z.array(z.object({ id: z.number().int(), meetingId: z.number().int(), startsAt: z.string(), text: local })),
}).openapi("PlanMeasureDetail");

const StatusCounts = z.object(Object.fromEntries(measureStatuses.map((s) => [s, z.number().int()])) as Record<(typeof measureStatuses)[number], z.ZodNumber>);
const PillarCounts = z.object({ total: z.number().int(), byStatus: StatusCounts });

export const Overview = z
  .object({
    plan: Plan,
    progress: z.number().nullable().openapi({ description: "0-100, one decimal; null when no measure counts" }),
    themes: z.array(
      z.object({
        id: z.number().int(),
        number: z.number().int(),
        title: local,
        progress: z.number().nullable(),
        measureCount: z.number().int(),
        byPillar: z.object({ prevention: PillarCounts, reaction: PillarCounts, analysis_evaluation: PillarCounts }),
      }),
    ),
    lateMilestones: z.array(
      z.object({
        milestoneId: z.number().int(),
        measureId: z.number().int(),
        measureCode: z.string(),
        measureTitle: local,
        title: local,
        dueDate: z.string(),
        daysLate: z.number().int(),
      }),
    ),
    currentRound: z
      .object({
        id: z.number().int(),
        name: local,
        deadline: z.string(),
        missing: z.array(
          z.object({ measureId: z.number().int(), code: z.string(), title: local, leadOrganisation: z.object({ id: z.number().int(), name: local }) }),
        ),
      })
      .nullable(),
    byLeadOrganisation: z.array(
      z.object({ organisation: OrgRef, measures: z.number().int(), progress: z.number().nullable(), lateMilestones: z.number().int() }),
    ),
    territorial: z.array(
      z.object({
        measureId: z.number().int(),
        code: z.string(),
        title: local,
        status: MeasureStatus,
        territories: z.array(z.object({ level: TerritoryLevel, code: z.number().int() })),
      }),
    ),
  })
  .openapi("PlanOverview");

export const Explanation = z
  .object({
    level: z.enum(["plan", "theme"]),
    id: z.number().int(),
    value: z.number().nullable(),
    method: z.literal("weighted_mean"),
    parts: z.array(
      z.object({
        kind: z.enum(["theme", "measure"]),
        id: z.number().int(),
        label: z.string(),
        weight: z.number(),
        value: z.number().nullable(),
        contribution: z.number(),
        counted: z.boolean(),
        reason: z.enum(["stopped", "no_measures", "zero_weight"]).optional(),
      }),
    ),
  })
  .openapi("ProgressExplanation");
