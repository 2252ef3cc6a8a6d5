/** Roles a person or token acts in, for one organisation. Modules add theirs here. */
export const roles = ["admin", "coordinator", "analyst", "editor", "viewer"] as const;
export type Role = (typeof roles)[number];

export const organisationKinds = [
  "agency",
  "municipality",
  "police_zone",
  "regional_institution",
  "association",
  "federal_partner",
  "school",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
