/** Words of the demo reporting: narratives the partners write, comments the agency sends back, the partners' answers (FR or NL). */
import type { MeasureState, MeasurePlan } from "./timeline.js";
import { Random, writtenDay } from "./random.js";

export type Lang = "fr" | "nl";

/** Organisations that write their reports in Dutch. */
const DUTCH_WRITERS = new Set(["stib", "federal-police", "net-brussel", "cibg"]);

export function reportLanguage(organisationCode: string): Lang {
  return DUTCH_WRITERS.has(organisationCode) ? "nl" : "fr";
}

const delayReasons: [string, string][] = [
  ["marché public relancé après une première procédure infructueuse", "overheidsopdracht opnieuw uitgeschreven na een eerste vruchteloze procedure"],
  ["recrutement du chef de projet toujours en cours", "aanwerving van de projectleider nog lopende"],
  ["avis attendu de l'Autorité de protection des données", "advies van de Gegevensbeschermingsautoriteit wordt afgewacht"],
  ["disponibilité réduite des partenaires", "beperkte beschikbaarheid van de partners"],
  ["budget 2018 libéré tardivement", "budget 2018 laattijdig vrijgegeven"],
];
const stopReasons: [string, string][] = [
  ["la mesure est reprise dans un dispositif fédéral", "de maatregel is opgenomen in een federale regeling"],
  ["le financement n'a pas été reconduit lors de l'ajustement budgétaire", "de financiering werd bij de begrotingsaanpassing niet verlengd"],
  ["l'objectif est atteint par une autre mesure du plan", "de doelstelling wordt via een andere maatregel van het plan bereikt"],
];
/** Story-specific reasons: the District Team pilot met an incompatibility with the population-register software. */
const specialDelay: Record<string, [string, string]> = {
  "4.01": ["problème de compatibilité avec le logiciel de population SAPHIR", "compatibiliteitsprobleem met de bevolkingssoftware SAPHIR"],
};

const q = (lang: Lang, text: string) => (lang === "fr" ? `« ${text} »` : `'${text}'`);

/** What the lead organisation writes about the measure in a report on `state`. */
export function narrative(m: MeasurePlan, state: MeasureState, lang: Lang): string {
  const r = new Random(`gvpp-narrative-${m.data.code}-${state.status}-${state.progress}`);
  const i = lang === "fr" ? 0 : 1;
  const title = (k: number) => q(lang, lang === "fr" ? m.milestones[k]!.titleFr : m.milestones[k]!.titleNl);
  const doneIdx = state.milestoneDone.map((d, k) => (d ? k : -1)).filter((k) => k >= 0);
  const lastDone = doneIdx.at(-1);
  const next = state.milestoneDone.findIndex((d) => !d);
  switch (state.status) {
    case "done": {
      const k = lastDone ?? m.milestones.length - 1;
      const day = writtenDay(state.milestoneDone[k] ?? m.milestones[k]!.due);
      return lang === "fr" ? `Mesure réalisée. Dernier jalon ${title(k)} atteint le ${day}.` : `Maatregel uitgevoerd. Laatste mijlpaal ${title(k)} bereikt op ${day}.`;
    }
    case "in_progress": {
      const parts = [lang === "fr" ? `Mise en œuvre en cours (${state.progress} %).` : `Uitvoering loopt (${state.progress} %).`];
      if (lastDone !== undefined) {
        const day = writtenDay(state.milestoneDone[lastDone]!);
        parts.push(lang === "fr" ? `Jalon ${title(lastDone)} atteint le ${day}.` : `Mijlpaal ${title(lastDone)} bereikt op ${day}.`);
      } else {
        parts.push(lang === "fr" ? "Les travaux préparatoires ont commencé avec les partenaires." : "De voorbereidende werkzaamheden zijn met de partners gestart.");
      }
      if (next >= 0) {
        const day = writtenDay(m.milestones[next]!.due);
        parts.push(lang === "fr" ? `Prochaine étape : ${title(next)} pour le ${day}.` : `Volgende stap: ${title(next)} tegen ${day}.`);
      }
      return parts.join(" ");
    }
    case "delayed": {
      const k = next >= 0 ? next : 0;
      const reason = (specialDelay[m.data.code] ?? r.pick(delayReasons))[i];
      const day = writtenDay(m.milestones[k]!.due);
      return lang === "fr"
        ? `La mesure a pris du retard : le jalon ${title(k)}, prévu le ${day}, n'est pas encore atteint (${reason}). Un calendrier révisé sera proposé au groupe de travail.`
        : `De maatregel loopt vertraging op: mijlpaal ${title(k)}, gepland op ${day}, is nog niet bereikt (${reason}). Een herziene planning wordt aan de werkgroep voorgelegd.`;
    }
    case "stopped": {
      const reason = r.pick(stopReasons)[i];
      return lang === "fr" ? `Mesure arrêtée : ${reason}. Les moyens sont réaffectés aux autres mesures du thème.` : `Maatregel stopgezet: ${reason}. De middelen worden herverdeeld over de andere maatregelen van het thema.`;
    }
    default: {
      const day = writtenDay(m.milestones[0]!.due);
      return lang === "fr"
        ? `La mise en œuvre n'a pas encore commencé ; le lancement est prévu avec le jalon ${title(0)} (${day}).`
        : `De uitvoering is nog niet gestart; de start is gepland met mijlpaal ${title(0)} (${day}).`;
    }
  }
}

/** The first sentence only: a narrative the agency finds too thin. */
export function thinNarrative(text: string): string {
  return text.split(/(?<=\.)\s/)[0] ?? text;
}

/** Fields the agency comments on when it sends an update back, with its comment and the partner's answer. */
export const commentTexts: Record<string, { ask: (lang: Lang, progress: number) => string; answer: (lang: Lang, progress: number) => string }> = {
  progress: {
    ask: (lang, p) =>
      lang === "fr"
        ? `Le pourcentage d'avancement (${p} %) paraît élevé au regard des jalons atteints : merci de le justifier ou de le corriger.`
        : `Het voortgangspercentage (${p} %) lijkt hoog in verhouding tot de behaalde mijlpalen: gelieve het te verantwoorden of te corrigeren.`,
    answer: (lang, p) =>
      lang === "fr" ? `Corrigé : l'avancement est ramené à ${p} %, en cohérence avec les jalons atteints.` : `Aangepast: de voortgang werd teruggebracht tot ${p} %, in overeenstemming met de behaalde mijlpalen.`,
  },
  narrative: {
    ask: (lang) => (lang === "fr" ? "Merci de préciser les actions menées ce semestre et les partenaires qui y ont pris part." : "Gelieve de acties van dit semester en de betrokken partners te verduidelijken."),
    answer: (lang) => (lang === "fr" ? "Le commentaire est complété avec les actions du semestre et la liste des partenaires." : "De toelichting werd aangevuld met de acties van het semester en de lijst van partners."),
  },
  indicators: {
    ask: (lang) =>
      lang === "fr"
        ? "La valeur de l'indicateur semble incohérente avec la valeur de base : merci de vérifier la source et la période."
        : "De waarde van de indicator lijkt niet te kloppen met de basiswaarde: gelieve de bron en de periode na te kijken.",
    answer: (lang) =>
      lang === "fr" ? "Valeur vérifiée : elle porte sur l'année civile et provient de nos statistiques internes." : "Waarde nagekeken: ze heeft betrekking op het kalenderjaar en komt uit onze interne statistieken.",
  },
  milestones: {
    ask: (lang) =>
      lang === "fr" ? "Merci d'indiquer la date à laquelle le dernier jalon a été atteint et d'en joindre la preuve." : "Gelieve de datum te vermelden waarop de laatste mijlpaal werd bereikt en er een bewijs van toe te voegen.",
    answer: (lang) => (lang === "fr" ? "Date vérifiée ; le procès-verbal de la réunion correspondante est disponible sur demande." : "Datum nagekeken; het verslag van de betrokken vergadering is op aanvraag beschikbaar."),
  },
  evidence: {
    ask: (lang) =>
      lang === "fr" ? "Merci de joindre une pièce justificative (rapport d'activité, procès-verbal ou liste de présence)." : "Gelieve een bewijsstuk toe te voegen (activiteitenverslag, verslag of aanwezigheidslijst).",
    answer: (lang) => (lang === "fr" ? "Le rapport d'activité du semestre a été transmis par courriel au coordinateur." : "Het activiteitenverslag van het semester werd per e-mail aan de coördinator bezorgd."),
  },
  status: {
    ask: (lang) =>
      lang === "fr"
        ? "Le statut « en cours » ne reflète pas le retard décrit dans le commentaire : la mesure ne devrait-elle pas être signalée en retard ?"
        : "De status 'lopend' weerspiegelt de beschreven vertraging niet: moet de maatregel niet als vertraagd worden gemeld?",
    answer: (lang) => (lang === "fr" ? "Statut corrigé : la mesure est signalée en retard." : "Status aangepast: de maatregel wordt als vertraagd gemeld."),
  },
};
