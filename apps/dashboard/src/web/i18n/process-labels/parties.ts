import type { Labels } from '.';

/**
 * The party slots of the process definitions, by code, in every language. The definitions name
 * their slots by code only: the English here is the page's own, not the API's.
 */
export default {
  requesting: { en: 'Requesting state', es: 'Estado requirente', fr: 'État requérant', nl: 'Verzoekende staat' },
  requested: { en: 'Requested state', es: 'Estado requerido', fr: 'État requis', nl: 'Aangezochte staat' },
  // Extradition: the requested state's prosecutor, who submits a national not surrendered for prosecution (16(10)).
  prosecutor: {
    en: 'Prosecuting authority',
    es: 'Autoridad competente a efectos de enjuiciamiento',
    fr: 'Autorité compétente aux fins de poursuites',
    nl: 'Vervolgingsautoriteit',
  },
  // Document verification: the state in whose name the document was issued.
  issuing: { en: 'Issuing state', es: 'Estado expedidor', fr: 'État de délivrance', nl: 'Staat van afgifte' },
  // Return of a smuggled migrant: the state of nationality or permanent residence (18(1)).
  origin: {
    en: 'State of nationality or residence',
    es: 'Estado de nacionalidad o residencia',
    fr: 'État de nationalité ou de résidence',
    nl: 'Staat van nationaliteit of verblijf',
  },
  sentencing: {
    en: 'Sentencing state',
    es: 'Estado de condena',
    fr: 'État de condamnation',
    nl: 'Staat van veroordeling',
  },
  administering: {
    en: 'Administering state',
    es: 'Estado de cumplimiento',
    fr: 'État d’exécution',
    nl: 'Staat van tenuitvoerlegging',
  },
  // Domestic task force.
  coordination: {
    en: 'National coordination body',
    es: 'Órgano nacional de coordinación',
    fr: 'Organe national de coordination',
    nl: 'Nationaal coördinatieorgaan',
  },
  fiu: {
    en: 'Financial intelligence unit (FIU)',
    es: 'Unidad de inteligencia financiera (UIF)',
    fr: 'Cellule de renseignement financier (CRF)',
    nl: 'Financiële inlichtingeneenheid (FIU)',
  },
  institution: {
    en: 'Financial institution',
    es: 'Institución financiera',
    fr: 'Établissement financier',
    nl: 'Financiële instelling',
  },
  // Joint investigation team: the state that leads the team, and the team's members (a group slot).
  lead: {
    en: 'State leading the team',
    es: 'Estado que dirige el equipo',
    fr: 'État qui dirige l’équipe',
    nl: 'Staat die het team leidt',
  },
  member: { en: 'Team member', es: 'Miembro del equipo', fr: 'Membre de l’équipe', nl: 'Lid van het team' },
  // Protection and assistance referral.
  referring: {
    en: 'Referring authority',
    es: 'Autoridad que deriva',
    fr: 'Autorité d’orientation',
    nl: 'Verwijzende instantie',
  },
  provider: {
    en: 'Protection or assistance provider',
    es: 'Prestador de protección o asistencia',
    fr: 'Prestataire de protection ou d’assistance',
    nl: 'Hulpverlener (bescherming of bijstand)',
  },
} satisfies Labels;
