/** Presenting pieces the plan's presenters share: organisations as answers refer to them, names read from `name_*` columns. */
import { localName, type Locale } from "../../shared/locale.js";

export type Names = { fr: string; nl: string; en?: string | null };

/** The `name_fr`, `name_nl` and `name_en` columns of a row. */
export const namesOf = (row: { name_fr: string; name_nl: string; name_en: string }): Names => ({ fr: row.name_fr, nl: row.name_nl, en: row.name_en });

/** An organisation as the answers refer to it: `{ id, code, name }`, the name in the caller's language. */
export function organisationRef(locale: Locale, id: number, code: string, names: Names) {
  return { id, code, name: localName(locale, names) };
}

/** A row carrying an organisation as `organisation_code` and `organisation_name_fr|nl|en` columns. */
export interface OrganisationColumns {
  organisation_code: string;
  organisation_name_fr: string;
  organisation_name_nl: string;
  organisation_name_en: string;
}

/** `organisationRef` for a row with `OrganisationColumns`. */
export function organisationOfRow(locale: Locale, id: number, row: OrganisationColumns) {
  return organisationRef(locale, id, row.organisation_code, { fr: row.organisation_name_fr, nl: row.organisation_name_nl, en: row.organisation_name_en });
}
