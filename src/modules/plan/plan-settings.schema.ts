/** Request shapes of a plan's settings: its titles, years and status (PATCH), and its frame of themes, goals and priorities (PUT). */
import { z } from "@hono/zod-openapi";
import { idSchema } from "../../server/http/openapi.js";
import { NAME_MAX_LENGTH } from "../../shared/limits.js";
import { planStatuses } from "../../shared/plan.js";
import { LIST_MAX, TITLE_MAX_LENGTH, WEIGHT_MAX } from "./measures.schema.js";
import { nulFreeText } from "./plan.schema.js";

const text = (max: number) => nulFreeText().trim().min(1).max(max);
const Year = z.number().int().min(1990).max(2100);
const Weight = z.number().min(0).max(WEIGHT_MAX);

export const PlanChangesBody = z
  .strictObject({
    status: z.enum(planStatuses).optional().openapi({ description: "`active`: refused (409) while another plan is active" }),
    titleFr: text(NAME_MAX_LENGTH).optional(),
    titleNl: text(NAME_MAX_LENGTH).optional(),
    titleEn: text(NAME_MAX_LENGTH).optional(),
    startYear: Year.optional(),
    endYear: Year.optional().openapi({ description: "Not before the start year (the one sent, or the plan's)" }),
  })
  .openapi("PlanChanges");

const entry = {
  id: idSchema().optional().openapi({ description: "An entry of this plan to keep (updated in place, same number); new entries have none" }),
  titleFr: text(TITLE_MAX_LENGTH),
  titleNl: text(TITLE_MAX_LENGTH),
  titleEn: text(TITLE_MAX_LENGTH),
};
const FrameTheme = z.strictObject({ ...entry, weight: Weight.openapi({ description: "Weight in the plan's progress roll-up" }) });
const FrameEntry = z.strictObject({ ...entry, weight: Weight.optional().openapi({ description: "Kept when absent; 1 for a new entry" }) });

export const PlanFrameBody = z
  .strictObject({
    themes: z.array(FrameTheme).max(LIST_MAX),
    goals: z.array(FrameEntry).max(LIST_MAX),
    priorities: z.array(FrameEntry).max(LIST_MAX),
  })
  .openapi("PlanFrame", {
    description:
      "The whole frame: entries with an id are updated in place (their number stays), entries without one are appended with the next numbers, entries left out are removed.",
  });

export type PlanChanges = z.infer<typeof PlanChangesBody>;
export type PlanFrame = z.infer<typeof PlanFrameBody>;
export type FrameItem = PlanFrame["goals"][number];
