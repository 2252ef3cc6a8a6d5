/**
 * The frame of the demo plan: the Global Security and Prevention Plan 2017-2020 of the
 * Brussels-Capital Region (approved on 2 February 2017), its 10 themes (as named in the
 * 2018 annual report), 5 transversal goals (demo wording: the report counts them without
 * listing them) and the 5 priorities of the municipal prevention plan (BBPP).
 */

export const DEMO_PLAN_CODE = "gvpp-2017-2020";

export const demoPlan = {
  code: DEMO_PLAN_CODE,
  title_fr: "Plan global de sécurité et de prévention 2017-2020",
  title_nl: "Globaal Veiligheids- en Preventieplan 2017-2020",
  title_en: "Global Security and Prevention Plan 2017-2020",
  start_year: 2017,
  end_year: 2020,
  status: "active",
  /** The regional government approved the plan on 2 February 2017. */
  created_at: "2017-02-02T10:00:00.000Z",
};

export interface Trilingual {
  fr: string;
  nl: string;
  en: string;
}

export const demoThemes: Trilingual[] = [
  { fr: "Atteintes à l'intégrité physique et morale", nl: "Aantasting van de menselijke integriteit", en: "Attacks on human integrity" },
  { fr: "Polarisation et radicalisation", nl: "Polarisering en radicalisering", en: "Polarisation and radicalisation" },
  { fr: "Drogues et assuétudes", nl: "Drugs en verslavingen", en: "Drugs and addictions" },
  { fr: "Traite et trafic des êtres humains", nl: "Mensenhandel en mensensmokkel", en: "Human trafficking and smuggling" },
  { fr: "Atteintes aux biens", nl: "Eigendomsdelicten", en: "Property crime" },
  { fr: "Mobilité et sécurité routière", nl: "Mobiliteit en verkeersveiligheid", en: "Mobility and road safety" },
  { fr: "Environnement et incivilités", nl: "Milieu en overlast", en: "Environment and nuisance" },
  { fr: "Criminalité financière et cybercriminalité", nl: "Financiële criminaliteit en cybercriminaliteit", en: "Financial crime and cybercrime" },
  { fr: "Criminalité organisée et trafic de biens", nl: "Georganiseerde misdaad en goederensmokkel", en: "Organised crime and goods smuggling" },
  { fr: "Gestion de crise et résilience", nl: "Crisisbeheer en veerkracht", en: "Crisis management and resilience" },
];

export const demoGoals: Trilingual[] = [
  { fr: "Partager l'information et les connaissances entre partenaires", nl: "Informatie en kennis delen tussen partners", en: "Sharing information and knowledge between partners" },
  { fr: "Renforcer l'approche intégrée et le partenariat", nl: "De geïntegreerde aanpak en het partnerschap versterken", en: "Strengthening the integrated approach and partnership" },
  { fr: "Former les acteurs de la chaîne de prévention et de sécurité", nl: "De actoren van de preventie- en veiligheidsketen opleiden", en: "Training the actors of the prevention and security chain" },
  { fr: "Accorder une attention particulière aux victimes", nl: "Bijzondere aandacht besteden aan slachtoffers", en: "Paying particular attention to victims" },
  { fr: "Évaluer les politiques et développer la connaissance", nl: "Het beleid evalueren en kennis ontwikkelen", en: "Evaluating policies and developing knowledge" },
];

export const demoPriorities: Trilingual[] = [
  {
    fr: "Prévention de la polarisation et prévention et lutte contre le radicalisme",
    nl: "Preventie van polarisering en preventie van en strijd tegen radicalisering",
    en: "Preventing polarisation, and preventing and fighting radicalisation",
  },
  {
    fr: "Présence visible et rassurante dans l'espace public, y compris les transports en commun",
    nl: "Zichtbare en geruststellende aanwezigheid in de publieke ruimte, met inbegrip van het openbaar vervoer",
    en: "Visible and reassuring presence in public space, including public transport",
  },
  { fr: "Médiation des conflits dans l'espace public", nl: "Conflictbemiddeling in de openbare ruimte", en: "Conflict mediation in public space" },
  { fr: "Lutte contre le décrochage scolaire", nl: "Strijd tegen schooluitval", en: "Fighting school drop-out" },
  { fr: "Prévention et lutte contre les assuétudes", nl: "Preventie en bestrijding van verslaving", en: "Preventing and fighting addiction" },
];

/** The two half-year reporting rounds of 2018; `cutoff` is the last day the round reports on. */
export const demoRounds = [
  {
    key: "2018-S1",
    name_fr: "2018 - 1er semestre",
    name_nl: "2018 - 1e semester",
    name_en: "2018 - first half",
    opens_on: "2018-06-01",
    deadline: "2018-07-15",
    status: "closed",
    cutoff: "2018-06-30",
  },
  {
    key: "2018-S2",
    name_fr: "2018 - 2e semestre",
    name_nl: "2018 - 2e semester",
    name_en: "2018 - second half",
    opens_on: "2018-12-01",
    deadline: "2019-01-31",
    status: "open",
    cutoff: "2018-12-31",
  },
] as const;

/** The day the demo stands at: the second 2018 round is still open, a few weeks after its deadline. */
export const DEMO_NOW = "2019-02-15";

/** The state the agency loaded at the end of 2017, before the first reporting round. */
export const INITIAL_CUTOFF = "2017-12-31";
