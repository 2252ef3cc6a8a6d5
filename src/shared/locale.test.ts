import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDate, formatNumber, localeFromHeader, localName } from "./locale.js";

describe("locale", () => {
  it("picks fr, nl or en from Accept-Language by quality", () => {
    assert.equal(localeFromHeader("nl-BE,nl;q=0.9,fr;q=0.8"), "nl");
    assert.equal(localeFromHeader("de-DE,en;q=0.5,fr;q=0.7"), "fr");
    assert.equal(localeFromHeader("de"), "fr");
    assert.equal(localeFromHeader(undefined), "fr");
    assert.equal(localeFromHeader("en-GB"), "en");
  });

  it("formats numbers with Belgian conventions per language", () => {
    assert.equal(formatNumber("nl", 1234.5), "1.234,5");
    assert.match(formatNumber("fr", 1234.5), /^1\s234,5$/u);
    // CLDR's en-BE keeps the Belgian decimal comma.
    assert.equal(formatNumber("en", 1234.5), "1.234,5");
  });

  it("formats dates day first in Brussels time", () => {
    assert.equal(formatDate("nl", "2018-11-30T23:30:00Z"), "01/12/2018");
    assert.equal(formatDate("fr", "2018-03-05T10:00:00Z"), "05/03/2018");
    assert.equal(formatDate("en", "2018-03-05T10:00:00Z"), "05/03/2018");
  });

  it("names things in the reader's language, English falling back to French", () => {
    const names = { fr: "Schaerbeek", nl: "Schaarbeek" };
    assert.equal(localName("nl", names), "Schaarbeek");
    assert.equal(localName("en", names), "Schaerbeek");
  });
});
