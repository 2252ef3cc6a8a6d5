import { useEffect, useRef, useState } from "react";
import { formatNumber, type Locale } from "../../../shared/locale.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { useResource } from "../../components/useResource.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";
import { ZoneDecisionForm } from "./ZoneDecisionForm.js";
import type { ZoneProposalDetail, ZoneRule, ZoneTest } from "./zones.types.js";

const combinationKeys: Record<ZoneTest["combination"], string> = {
  "raw/queen": "rawQueen",
  "raw/knn": "rawKnn",
  "smoothed/queen": "smoothedQueen",
  "smoothed/knn": "smoothedKnn",
};

const percent = (locale: Locale, value: number) => formatNumber(locale, value, { style: "percent", maximumFractionDigits: 1 });
const figure = (locale: Locale, value: number | null, digits: number) => (value === null ? "–" : formatNumber(locale, value, { maximumFractionDigits: digits, minimumFractionDigits: digits }));

/** The rule in words: how many of the window's years qualify, and what a year has to hold. */
function ruleSentence(t: (key: string, params?: Record<string, unknown>) => string, locale: Locale, detail: ZoneProposalDetail): string[] {
  const { qualifyingYears, yearsAssessed, rule } = detail.evidence;
  if (!rule) return [t("observatoryZones.evidence.noRule", { count: qualifyingYears.length, years: yearsAssessed })];
  return [
    t("observatoryZones.evidence.rule", { count: qualifyingYears.length, years: rule.years, required: rule.required, knn: rule.knn, alpha: percent(locale, rule.alpha) }),
    t("observatoryZones.evidence.ruleDetails", { permutations: formatNumber(locale, rule.permutations), seed: rule.seed, categories: rule.categoryCodes.join(", ") }),
  ];
}

/** One cell of the grid: a mark where the hot spot holds and is significant, and the test's figures. */
function TestCell({ test, locale }: { test: ZoneTest; locale: Locale }) {
  const { t } = useLocale();
  if (!test.tested) return <td className="zone-test zone-test-none">{t("observatoryZones.evidence.notTested")}</td>;
  return (
    <td className={`zone-test ${test.hot ? "zone-test-hot" : ""}`}>
      <span className="zone-mark" aria-hidden="true">
        {test.hot ? "✓" : "–"}
      </span>
      <span className="visually-hidden">{t(test.hot ? "observatoryZones.evidence.hot" : "observatoryZones.evidence.notHot")}, </span>
      <span className="zone-values">{t("observatoryZones.evidence.values", { z: figure(locale, test.z, 2), p: figure(locale, test.pseudoP, 3), q: figure(locale, test.q, 3) })}</span>
    </td>
  );
}

function EvidenceGrid({ detail, rule }: { detail: ZoneProposalDetail; rule: ZoneRule | null }) {
  const { locale, t } = useLocale();
  const combinations = Object.keys(combinationKeys) as ZoneTest["combination"][];
  return (
    <div className="table-wrap">
      <table className="data-table compact zone-grid" data-testid="zone-evidence-grid">
        <caption>{t("observatoryZones.evidence.gridCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("observatoryZones.evidence.year")}</th>
            {combinations.map((c) => (
              <th key={c} scope="col">
                {t(`observatoryZones.evidence.${combinationKeys[c]}`, { knn: rule?.knn ?? "k" })}
              </th>
            ))}
            <th scope="col">{t("observatoryZones.evidence.qualifies")}</th>
          </tr>
        </thead>
        <tbody>
          {detail.evidence.years.map((y) => (
            <tr key={y.year} className={y.qualifies ? "zone-year-qualifies" : undefined}>
              <th scope="row">{y.year}</th>
              {y.tests.map((test) => (
                <TestCell key={test.combination} test={test} locale={locale} />
              ))}
              <td className="zone-qualifies">{t(y.qualifies ? "common.yes" : "common.no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Why one proposed zone qualifies, its decision, and (for coordinators) the accept / reject form. */
export function ZoneEvidence({ id, onDecided }: { id: number; onDecided: () => void }) {
  const { locale, t } = useLocale();
  const detail = useResource<ZoneProposalDetail>(`/api/observatory/zones/proposals/${id}`);
  const heading = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState<{ id: number; decision: "accepted" | "rejected" } | null>(null);
  const data = detail.data?.id === id ? detail.data : null;
  useEffect(() => {
    if (data) heading.current?.focus();
  }, [data?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!data) {
    return (
      <div className="card zone-evidence">
        <ErrorAlert error={detail.error} />
        <p role="status">{detail.loading ? t("app.loading") : ""}</p>
      </div>
    );
  }
  const rule = data.evidence.rule;
  return (
    <section className="card zone-evidence" aria-labelledby="zone-evidence-title" data-testid="zone-evidence">
      <h2 id="zone-evidence-title" ref={heading} tabIndex={-1}>
        {t("observatoryZones.evidence.title", { name: data.neighbourhood.name })}
      </h2>
      <dl className="facts">
        <dt>{t("observatoryZones.evidence.municipality")}</dt>
        <dd>{data.municipality?.name ?? t("common.notAvailable")}</dd>
        <dt>{t("observatoryZones.evidence.group")}</dt>
        <dd>{data.categoryGroup}</dd>
        <dt>{t("observatoryZones.evidence.status")}</dt>
        <dd data-testid="zone-status">{t(`observatoryZones.status.${data.status}`)}</dd>
      </dl>
      {ruleSentence(t, locale, data).map((line) => (
        <p key={line} className="zone-rule">
          {line}
        </p>
      ))}
      <EvidenceGrid detail={data} rule={rule} />
      <p className="field-hint zone-key">{t("observatoryZones.evidence.key", { alpha: percent(locale, rule?.alpha ?? 0.05) })}</p>
      <h3>{t("observatoryZones.decision.title")}</h3>
      {data.decidedAt ? (
        <p data-testid="zone-decision">
          {t("observatoryZones.decision.decided", {
            status: t(`observatoryZones.status.${data.status}`),
            name: data.decidedBy ?? t("common.notAvailable"),
            date: formatDateTime(locale, data.decidedAt),
          })}
          <br />
          {t("observatoryZones.decision.reasonLine", { reason: data.reason ?? "" })}
        </p>
      ) : null}
      {data.actions.decide ? (
        <ZoneDecisionForm
          id={data.id}
          onDecided={(decision) => {
            setDone({ id: data.id, decision });
            detail.reload();
            onDecided();
          }}
        />
      ) : null}
      <p role="status" className="zone-done">
        {done?.id === data.id && data.decidedAt ? t(`observatoryZones.decision.done.${done.decision}`) : ""}
      </p>
    </section>
  );
}
