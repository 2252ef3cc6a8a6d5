import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Actor } from "../../server/auth/actor.js";
import { allowedActions, can } from "../../server/auth/policy.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";

const AGENCY = 1;
const ANDERLECHT = 20;
const STIB = 30;

function buildActor(overrides: Partial<Actor> & { role: Role; organisationKind: OrganisationKind; organisationId: number }): Actor {
  return { kind: "user", userId: 100, tokenId: null, locale: "fr", ...overrides };
}

const agencyAdmin = buildActor({ role: "admin", organisationKind: "agency", organisationId: AGENCY });
const municipalityAdmin = buildActor({ role: "admin", organisationKind: "municipality", organisationId: ANDERLECHT });
const municipalityEditor = buildActor({ role: "editor", organisationKind: "municipality", organisationId: ANDERLECHT });
const agencyViewer = buildActor({ role: "viewer", organisationKind: "agency", organisationId: AGENCY });
const adminToken = buildActor({ kind: "token", userId: null, tokenId: 7, role: "admin", organisationKind: "agency", organisationId: AGENCY });

const ownUser = { organisationId: ANDERLECHT };
const otherUser = { organisationId: STIB };

describe("access policy: users", () => {
  it("lets the agency admin administer the people of every organisation", () => {
    for (const subject of [ownUser, otherUser, { organisationId: AGENCY }]) {
      for (const action of ["create", "update", "disable", "resetPassword"] as const) {
        assert.equal(can(agencyAdmin, "user", action, subject), true, `${action} on org ${subject.organisationId}`);
      }
    }
  });

  it("lets a municipality admin administer only the people of its own organisation", () => {
    for (const action of ["create", "update", "disable", "resetPassword"] as const) {
      assert.equal(can(municipalityAdmin, "user", action, ownUser), true, `${action} own`);
      assert.equal(can(municipalityAdmin, "user", action, otherUser), false, `${action} other`);
      assert.equal(can(municipalityAdmin, "user", action, { organisationId: AGENCY }), false, `${action} agency`);
    }
  });

  it("refuses user administration to non-admin roles, even in their own organisation", () => {
    assert.equal(can(agencyViewer, "user", "create", { organisationId: AGENCY }), false);
    assert.equal(can(agencyViewer, "user", "read"), false);
    assert.equal(can(municipalityEditor, "user", "create", ownUser), false);
    assert.equal(can(municipalityEditor, "user", "update", ownUser), false);
  });

  it("lists the allowed actions per subject, for the UI", () => {
    assert.deepEqual(allowedActions(agencyAdmin, "user", otherUser), ["read", "create", "update", "disable", "resetPassword"]);
    assert.deepEqual(allowedActions(municipalityAdmin, "user", ownUser), ["read", "create", "update", "disable", "resetPassword"]);
    assert.deepEqual(allowedActions(municipalityAdmin, "user", otherUser), ["read"]);
    assert.deepEqual(allowedActions(agencyViewer, "user", { organisationId: AGENCY }), []);
    assert.deepEqual(allowedActions(null, "user", ownUser), []);
  });

  it("grants a municipality admin the general right to create users (for navigation) without a subject", () => {
    assert.ok(allowedActions(municipalityAdmin, "user").includes("create"));
    assert.ok(!allowedActions(municipalityEditor, "user").includes("create"));
  });
});

describe("access policy: organisations, tokens, account, audit", () => {
  it("lets only the agency admin create or change organisations, and anyone read them", () => {
    assert.deepEqual(allowedActions(agencyAdmin, "organisation"), ["read", "create", "update"]);
    assert.deepEqual(allowedActions(municipalityAdmin, "organisation"), ["read"]);
    assert.deepEqual(allowedActions(agencyViewer, "organisation"), ["read"]);
  });

  it("scopes API token administration like user administration", () => {
    assert.equal(can(municipalityAdmin, "apiToken", "create", ownUser), true);
    assert.equal(can(municipalityAdmin, "apiToken", "create", otherUser), false);
    assert.equal(can(municipalityAdmin, "apiToken", "revoke", otherUser), false);
    assert.equal(can(agencyAdmin, "apiToken", "revoke", otherUser), true);
    assert.equal(can(municipalityEditor, "apiToken", "read"), false);
  });

  it("lets people change their own account but not API tokens, whatever their role", () => {
    assert.equal(can(agencyViewer, "account", "update"), true);
    assert.equal(can(adminToken, "account", "update"), false);
    assert.equal(can(adminToken, "account", "read"), true);
    assert.deepEqual(allowedActions(adminToken, "account"), ["read"]);
  });

  it("keeps the audit log for agency admins", () => {
    assert.equal(can(agencyAdmin, "audit", "read"), true);
    assert.equal(can(agencyAdmin, "audit", "verify"), true);
    assert.equal(can(municipalityAdmin, "audit", "read"), false);
    assert.equal(can(agencyViewer, "audit", "read"), false);
  });

  it("answers false for an unknown action rather than throwing", () => {
    assert.equal(can(agencyAdmin, "user", "delete" as never), false);
  });
});
