import type { Choice } from "../../components/forms/Field.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { useSignedIn } from "../../session.js";
import type { Organisation } from "../../types.js";

/** Organisations a person or token can be attached to: all for the agency's administrators, else one's own. */
export function useOrganisationChoices(): { choices: Choice[]; byId: Map<number, Organisation> } {
  const { locale } = useLocale();
  const session = useSignedIn();
  const own = session.account?.organisation;
  const list = useResource<Organisation[]>("/api/organisations", { active: "true" }, locale);
  const all = list.data ?? [];
  const byId = new Map(all.map((o) => [o.id, o]));
  const allowed = own && own.kind !== "agency" ? all.filter((o) => o.id === own.id) : all;
  const choices = [...allowed].sort((a, b) => a.name.localeCompare(b.name, locale)).map((o) => ({ value: String(o.id), label: o.name }));
  if (own && !choices.some((c) => c.value === String(own.id))) choices.unshift({ value: String(own.id), label: own.name });
  return { choices, byId };
}
