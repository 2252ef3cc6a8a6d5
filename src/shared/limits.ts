/** Limits that the web app and the server share: one place, one truth. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;
export const AUDIT_PAGE_MAX = 500;
export const TOKEN_NAME_MAX_LENGTH = 100;
export const FIRST_POPULATION_YEAR = 1994;
export const LAST_POPULATION_YEAR = 2025;
