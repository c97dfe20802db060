import type { ProcessLabels } from '.';

export default {
  type: 'protection-referral',
  title: {
    en: 'Protection and assistance referral',
    es: 'Derivación para protección y asistencia',
    fr: 'Orientation aux fins de protection et d’assistance',
    nl: 'Doorverwijzing voor bescherming en bijstand',
  },
  stages: {
    identified: {
      en: 'Migrant identified; needs being assessed',
      es: 'Migrante identificado; evaluación de necesidades en curso',
      fr: 'Migrant identifié ; évaluation des besoins en cours',
      nl: 'Migrant geïdentificeerd; behoeften worden beoordeeld',
    },
    referred: {
      en: 'Referred to the provider',
      es: 'Derivación al prestador efectuada',
      fr: 'Orientation vers le prestataire effectuée',
      nl: 'Doorverwezen naar de hulpverlener',
    },
    assisting: {
      en: 'Being assisted',
      es: 'Asistencia en curso',
      fr: 'Assistance en cours',
      nl: 'Bijstand wordt verleend',
    },
    closed: {
      en: 'Closed with an outcome',
      es: 'Cerrada con un resultado',
      fr: 'Clôturée avec un résultat',
      nl: 'Afgesloten met een resultaat',
    },
    declined: {
      en: 'Declined by the provider',
      es: 'Rechazada por el prestador',
      fr: 'Refusée par le prestataire',
      nl: 'Afgewezen door de hulpverlener',
    },
    withdrawn: { en: 'Withdrawn', es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    refer: {
      en: 'Refer to the provider, with the needs found',
      es: 'Derivar al prestador, con las necesidades detectadas',
      fr: 'Orienter vers le prestataire, avec les besoins constatés',
      nl: 'Doorverwijzen naar de hulpverlener, met de vastgestelde behoeften',
    },
    accept: {
      en: 'The provider takes the person in',
      es: 'El prestador acoge a la persona',
      fr: 'Le prestataire prend la personne en charge',
      nl: 'De hulpverlener neemt de persoon op',
    },
    decline: {
      en: 'The provider declines (e.g. no capacity), with reasons',
      es: 'El prestador rechaza la derivación (p. ej., por falta de capacidad), con indicación de los motivos',
      fr: 'Le prestataire refuse (p. ex. faute de capacité), motifs à l’appui',
      nl: 'De hulpverlener wijst af (bijv. geen capaciteit), met opgave van redenen',
    },
    'report-progress': {
      en: 'Report on the assistance given',
      es: 'Informar sobre la asistencia prestada',
      fr: 'Rendre compte de l’assistance fournie',
      nl: 'Verslag uitbrengen over de verleende bijstand',
    },
    'record-outcome': {
      en: 'Record the outcome and close',
      es: 'Registrar el resultado y cerrar',
      fr: 'Enregistrer le résultat et clôturer',
      nl: 'Het resultaat vastleggen en afsluiten',
    },
    withdraw: {
      en: 'Withdraw the referral',
      es: 'Retirar la derivación',
      fr: 'Retirer l’orientation',
      nl: 'De doorverwijzing intrekken',
    },
  },
  deadlines: {
    'provider-response': {
      en: 'The provider accepts or declines',
      es: 'El prestador acepta o rechaza',
      fr: 'Le prestataire accepte ou refuse',
      nl: 'De hulpverlener aanvaardt of wijst af',
    },
    outcome: {
      en: 'Report the outcome of the assistance',
      es: 'Informar del resultado de la asistencia',
      fr: 'Communiquer le résultat de l’assistance',
      nl: 'Het resultaat van de bijstand melden',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
