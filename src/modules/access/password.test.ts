import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../shared/errors.js";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../shared/limits.js";
import { assertPasswordStrength, decoyHash, generatePassword, hashPassword, verifyPassword } from "./password.js";

function strengthError(fn: () => void): AppError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, "an AppError");
    return err;
  }
  assert.fail("expected the password to be refused");
}

describe("password hashing", () => {
  it("hashes with argon2id at the OWASP baseline, salted", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(first, second, "each hash has its own salt");
    assert.ok(!first.includes("correct horse battery"));
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    assert.equal(await verifyPassword(hash, "correct horse battery"), true);
    assert.equal(await verifyPassword(hash, "correct horse batterY"), false);
    assert.equal(await verifyPassword(hash, ""), false);
  });

  it("answers false, without throwing, for a hash that is not a hash", async () => {
    assert.equal(await verifyPassword("not-a-hash", "anything at all"), false);
  });

  it("keeps one decoy hash that matches no ordinary password", async () => {
    const decoy = await decoyHash();
    assert.equal(await decoyHash(), decoy);
    assert.match(decoy, /^\$argon2id\$/);
    assert.equal(await verifyPassword(decoy, ""), false);
  });
});

describe("password strength", () => {
  it("refuses a short password, naming the field and the minimum", () => {
    const err = strengthError(() => assertPasswordStrength("short"));
    assert.equal(err.code, "validation_failed");
    assert.equal(err.status, 400);
    assert.deepEqual(err.options.fields, [{ field: "body.password", key: "validation.password_too_weak", params: { minimum: PASSWORD_MIN_LENGTH } }]);
  });

  it("names the field it is told to check", () => {
    const err = strengthError(() => assertPasswordStrength("x".repeat(PASSWORD_MIN_LENGTH - 1), "body.newPassword"));
    assert.equal(err.options.fields?.[0]?.field, "body.newPassword");
  });

  it("accepts the limits and refuses beyond the maximum", () => {
    assert.doesNotThrow(() => assertPasswordStrength("x".repeat(PASSWORD_MIN_LENGTH)));
    assert.doesNotThrow(() => assertPasswordStrength("x".repeat(PASSWORD_MAX_LENGTH)));
    strengthError(() => assertPasswordStrength("x".repeat(PASSWORD_MAX_LENGTH + 1)));
  });
});

describe("generated passwords", () => {
  it("are 4 groups of 4 unambiguous characters, strong enough, and different each time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      assert.match(password, /^[a-hjkmnp-zA-HJKMNP-Z2-9]{4}(-[a-hjkmnp-zA-HJKMNP-Z2-9]{4}){3}$/);
      assert.doesNotThrow(() => assertPasswordStrength(password));
      seen.add(password);
    }
    assert.equal(seen.size, 50);
  });
});
