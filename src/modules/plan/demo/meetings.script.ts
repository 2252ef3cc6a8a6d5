/**
 * What the Regional Security Council (four meetings in 2018) and the Coordination
 * Committee (which prepares each Council) discussed and decided, written by hand.
 */
import { writtenDay } from "./random.js";

/** [title fr, title nl, measure code or null] */
export type ScriptedItem = [string, string, string | null];

export interface ScriptedAction {
  title: string;
  org: string;
  due: string;
  status: "open" | "done" | "cancelled";
  done: string | null;
}

export interface ScriptedDecision {
  /** index of the agenda item it answers */
  item: number;
  fr: string;
  nl: string;
  action?: ScriptedAction;
}

export interface ScriptedMeeting {
  day: string;
  time: string;
  location: string;
  agenda: ScriptedItem[];
  decisions: ScriptedDecision[];
}

export const BPV_OFFICES = "Bruxelles Prévention & Sécurité, rue de Ligne 40 / de Lignestraat 40, 1000 Bruxelles";
const MINISTER_PRESIDENT = "Cabinet du Ministre-Président, rue Ducale 7-9 / Hertogsstraat 7-9, 1000 Bruxelles";

/** `firstRoundValidated`: how many measures the first 2018 round validated (the Council takes note of it). */
export function councilMeetings(firstRoundValidated: number): ScriptedMeeting[] {
  return [
    {
      day: "2018-02-27", time: "10:00", location: MINISTER_PRESIDENT,
      agenda: [
        ["Bilan 2017 de la mise en œuvre du plan global", "Balans 2017 van de uitvoering van het globaal plan", null],
        ["Centre de communication et de crise intégré", "Geïntegreerd communicatie- en crisiscentrum", "10.01"],
        ["Plateforme radicalisme : programme 2018", "Platform radicalisme: programma 2018", "2.01"],
      ],
      decisions: [
        { item: 0, fr: "Le Conseil approuve le bilan 2017 et demande aux partenaires un rapportage semestriel à partir de 2018.", nl: "De Raad keurt de balans 2017 goed en vraagt de partners vanaf 2018 een halfjaarlijkse rapportering.",
          action: { title: "Ouvrir le premier rapportage semestriel des partenaires", org: "bps", due: "2018-06-01", status: "done", done: "2018-06-01" } },
        { item: 1, fr: "Le Conseil approuve le programme fonctionnel du centre de crise.", nl: "De Raad keurt het functioneel programma van het crisiscentrum goed." },
      ],
    },
    {
      day: "2018-06-26", time: "10:00", location: MINISTER_PRESIDENT,
      agenda: [
        ["Lancement du rapportage du 1er semestre 2018", "Start van de rapportering over het eerste semester 2018", null],
        ["Réseau régional de caméras ANPR", "Gewestelijk netwerk van ANPR-camera's", "6.01"],
        ["Enquête régionale de sécurité : premiers retours du terrain", "Gewestelijke veiligheidsenquête: eerste feedback van het terrein", "5.14"],
      ],
      decisions: [
        { item: 1, fr: "Le Conseil approuve le calendrier de déploiement des caméras ANPR et leur usage partagé entre mobilité et sécurité.", nl: "De Raad keurt de uitrolplanning van de ANPR-camera's en het gedeelde gebruik ervan voor mobiliteit en veiligheid goed.",
          action: { title: "Présenter un protocole d'accès aux données ANPR", org: "brussels-mobility", due: "2018-10-01", status: "done", done: "2018-10-09" } },
      ],
    },
    {
      day: "2018-10-16", time: "10:00", location: MINISTER_PRESIDENT,
      agenda: [
        ["Résultats du rapportage du 1er semestre 2018", "Resultaten van de rapportering over het eerste semester 2018", null],
        ["Premier plan régional de formation", "Eerste gewestelijk opleidingsplan", "1.11"],
        ["Centre régional de cybersécurité et équipe drones", "Gewestelijk Cybersecuritycentrum en dronesteam", "8.01"],
      ],
      decisions: [
        { item: 0, fr: `Le Conseil prend acte des résultats du premier rapportage semestriel : ${firstRoundValidated} mesures validées.`, nl: `De Raad neemt akte van de resultaten van de eerste halfjaarlijkse rapportering: ${firstRoundValidated} maatregelen gevalideerd.` },
        { item: 1, fr: "Le Conseil prend acte du plan régional de formation approuvé par le Gouvernement en septembre.", nl: "De Raad neemt akte van het gewestelijk opleidingsplan dat de Regering in september heeft goedgekeurd." },
      ],
    },
    {
      day: "2018-12-18", time: "10:00", location: MINISTER_PRESIDENT,
      agenda: [
        ["District Team : état du projet pilote", "District Team: stand van het proefproject", "4.01"],
        ["Vademecum des mesures administratives contre le radicalisme", "Vademecum van bestuurlijke maatregelen tegen radicalisering", "2.03"],
        ["Préparation du bilan intermédiaire 2019 pour le Gouvernement", "Voorbereiding van de tussentijdse balans 2019 voor de Regering", null],
      ],
      decisions: [
        { item: 0, fr: "Le Conseil demande un plan de rattrapage du projet District Team pour mars 2019.", nl: "De Raad vraagt tegen maart 2019 een inhaalplan voor het project District Team.",
          action: { title: "Présenter un plan de rattrapage du projet District Team", org: "pz-5344", due: "2019-03-15", status: "open", done: null } },
        { item: 1, fr: "Le Conseil approuve la publication du vademecum en 2019.", nl: "De Raad keurt de publicatie van het vademecum in 2019 goed." },
        { item: 2, fr: "Le Conseil charge BPV de préparer le bilan intermédiaire pour le Gouvernement.", nl: "De Raad belast BPV met de voorbereiding van de tussentijdse balans voor de Regering.",
          action: { title: "Rédiger le bilan intermédiaire 2019 du plan global", org: "bps", due: "2019-04-30", status: "open", done: null } },
      ],
    },
  ];
}

/** The Committee met before each Council (and twice in 2017 to follow the working groups). */
export function committeeMeetings(titleOf: (code: string) => [string, string]): ScriptedMeeting[] {
  const meetings: [string, string | null, string][] = [
    ["2017-06-20", null, "5.01"],
    ["2017-12-12", null, "5.02"],
    ["2018-02-13", "2018-02-27", "10.01"],
    ["2018-06-12", "2018-06-26", "6.01"],
    ["2018-10-02", "2018-10-16", "8.01"],
    ["2018-12-04", "2018-12-18", "4.01"],
  ];
  return meetings.map(([day, council, code]) => ({
    day, time: "14:00", location: BPV_OFFICES,
    agenda: [
      ["Synthèse des travaux des groupes de travail", "Synthese van de werkzaamheden van de werkgroepen", null],
      council
        ? [`Préparation du Conseil régional de sécurité du ${writtenDay(council)}`, `Voorbereiding van de Gewestelijke Veiligheidsraad van ${writtenDay(council)}`, null]
        : ["Suivi de la mise en œuvre du plan global", "Opvolging van de uitvoering van het globaal plan", null],
      [`Mesure ${code} – ${titleOf(code)[0]}`, `Maatregel ${code} – ${titleOf(code)[1]}`, code],
    ],
    decisions: [
      council
        ? { item: 1, fr: "Le Comité arrête les points à soumettre au Conseil régional de sécurité.", nl: "Het Comité legt de punten vast die aan de Gewestelijke Veiligheidsraad worden voorgelegd.",
            action: { title: `Transmettre la note de synthèse au Conseil du ${writtenDay(council)}`, org: "bps", due: council, status: "done", done: council } }
        : { item: 0, fr: "Le Comité valide la synthèse des travaux des groupes de travail.", nl: "Het Comité keurt de synthese van de werkzaamheden van de werkgroepen goed." },
    ],
  }));
}
