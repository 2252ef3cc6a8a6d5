import { useEffect, useRef, useState } from "react";
import { LAST_POPULATION_YEAR } from "../../../shared/limits.js";
import { formatNumber, localName } from "../../../shared/locale.js";
import { api, isAbort } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { useLocale } from "../../i18n.js";
import { formatShare, formatValue, kindLabel } from "./format.js";
import { ProfileChart } from "./ProfileChart.js";
import type { IndicatorValue, NeighbourhoodProfileData } from "./territory.types.js";

interface Props {
  code: string;
  onClose: () => void;
  /** The police zone's name in the reader's language (its number while the names load). */
  zoneName: (id: number | string) => string | null;
}

/** The profile of one neighbourhood: both names, municipalities spanned, indicators, population over time. */
export function NeighbourhoodProfile({ code, onClose, zoneName }: Props) {
  const { locale, t } = useLocale();
  const [profile, setProfile] = useState<NeighbourhoodProfileData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api
      .get<NeighbourhoodProfileData>(`/api/territory/neighbourhoods/${encodeURIComponent(code)}`, undefined, { signal: controller.signal })
      .then(setProfile)
      .catch((err) => {
        if (!isAbort(err)) setError(err);
      });
    return () => controller.abort();
  }, [code, locale]);

  const current = profile && String(profile.code) === code ? profile : null;
  useEffect(() => {
    if (current) heading.current?.focus();
    // Focus moves once per neighbourhood opened, not on every language change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.code]);

  const na = t("common.notAvailable");
  const name = current ? localName(locale, current.names) : "";
  return (
    <section className="profile card" data-testid="neighbourhood-profile" aria-labelledby="profile-title" aria-busy={!current && !error}>
      <div className="profile-head">
        <h2 id="profile-title" ref={heading} tabIndex={-1}>
          {current ? name : t("territoryPage.profile.title")}
        </h2>
        <button type="button" className="button button-small button-secondary" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
      <ErrorAlert error={error} />
      {!current && !error ? <p className="loading" role="status">{t("app.loading")}</p> : null}
      {current ? (
        <>
          <dl className="facts">
            <dt>{t("lang.fr")}</dt>
            <dd lang="fr">{current.names.fr}</dd>
            <dt>{t("lang.nl")}</dt>
            <dd lang="nl">{current.names.nl}</dd>
            <dt>{t("common.code")}</dt>
            <dd>{String(current.code)}</dd>
            <dt>{t("common.kind")}</dt>
            <dd>{kindLabel(t, current.kind)}</dd>
            <dt>{t("territoryPage.profile.area")}</dt>
            <dd>{current.areaKm2 === null ? na : `${formatNumber(locale, current.areaKm2, { maximumFractionDigits: 2 })} km²`}</dd>
            <dt>{t("territoryPage.profile.primaryMunicipality")}</dt>
            <dd>{current.primaryMunicipality?.name ?? na}</dd>
            <dt>{t("territoryPage.profile.policeZones")}</dt>
            <dd>
              {(current.policeZones?.length ? current.policeZones : current.primaryPoliceZone !== null ? [current.primaryPoliceZone] : [])
                .map((id) => (zoneName(id) ? `${zoneName(id)} (${id})` : String(id)))
                .join(", ") || na}
            </dd>
            <dt>{t("territoryPage.profile.populationLatest", { year: latestYear(current) })}</dt>
            <dd>{current.population === null ? na : formatNumber(locale, current.population)}</dd>
            <dt>{t("territoryPage.profile.foreignNationals")}</dt>
            <dd>
              {current.foreignNationals === null ? na : formatNumber(locale, current.foreignNationals)}
              {current.foreignNationals !== null && current.population ? (
                <span className="muted"> ({formatShare(locale, current.foreignNationals / current.population, t)})</span>
              ) : null}
            </dd>
          </dl>

          <section aria-labelledby="profile-municipalities" className="profile-section">
            <h3 id="profile-municipalities">{t("territoryPage.profile.municipalities")}</h3>
            <table className="data-table compact">
              <caption className="visually-hidden">{t("territoryPage.profile.municipalitiesCaption", { name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("territoryPage.profile.municipality")}</th>
                  <th scope="col" className="num">
                    {t("territoryPage.profile.areaShare")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {(current.municipalities ?? []).map((m) => (
                  <tr key={String(m.nisCode)}>
                    <th scope="row">{m.name}</th>
                    <td className="num">{formatShare(locale, m.share, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="profile-indicators" className="profile-section">
            <h3 id="profile-indicators">{t("territoryPage.profile.indicators")}</h3>
            <dl className="facts">
              <Indicator label={t("territoryPage.variables.unemployment")} value={current.indicators?.unemploymentRate ?? null} />
              <Indicator label={t("territoryPage.variables.cpas")} value={current.indicators?.cpasRate ?? null} />
              <Indicator label={t("territoryPage.variables.bim")} value={current.indicators?.bimRate ?? null} />
            </dl>
          </section>

          <ProfileChart series={current.series ?? []} name={name} />
        </>
      ) : null}
    </section>
  );
}

/** The year `population` refers to: the last year of the series with a figure. */
function latestYear(profile: NeighbourhoodProfileData): number {
  const years = (profile.series ?? []).filter((s) => s.population !== null).map((s) => s.year);
  return years.length ? Math.max(...years) : LAST_POPULATION_YEAR;
}

function Indicator({ label, value }: { label: string; value: IndicatorValue | null }) {
  const { locale, t } = useLocale();
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {formatValue(locale, t, "percent", value?.value)}
        {value?.year ? <span className="muted"> ({value.year})</span> : null}
      </dd>
    </>
  );
}
