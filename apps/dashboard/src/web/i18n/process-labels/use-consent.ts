import type { ProcessLabels } from '.';

export default {
  type: 'use-consent',
  title: {
    en: 'Consent to further use (use limitation, speciality)',
    es: 'Consentimiento para otros usos (limitación del uso, especialidad)',
    fr: 'Consentement à une utilisation ultérieure (limitation de l’utilisation, spécialité)',
    nl: 'Toestemming voor verder gebruik (gebruiksbeperking, specialiteit)',
  },
  stages: {
    draft: {
      en: 'Request for consent being prepared',
      es: 'Solicitud de consentimiento en preparación',
      fr: 'Demande de consentement en préparation',
      nl: 'Verzoek om toestemming in voorbereiding',
    },
    requested: {
      en: 'Consent requested',
      es: 'Consentimiento solicitado',
      fr: 'Consentement demandé',
      nl: 'Toestemming gevraagd',
    },
    'further-info-requested': {
      en: 'Further information requested',
      es: 'Información adicional solicitada',
      fr: 'Informations complémentaires demandées',
      nl: 'Aanvullende informatie gevraagd',
    },
    granted: {
      en: 'Consent granted',
      es: 'Consentimiento otorgado',
      fr: 'Consentement accordé',
      nl: 'Toestemming verleend',
    },
    refused: {
      en: 'Consent refused',
      es: 'Consentimiento denegado',
      fr: 'Consentement refusé',
      nl: 'Toestemming geweigerd',
    },
    withdrawn: { en: 'Withdrawn', es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    'request-consent': {
      en: 'Ask consent to use the evidence, or to waive or extend speciality',
      es: 'Solicitar consentimiento para utilizar las pruebas, o para renunciar a la especialidad o ampliarla',
      fr: 'Demander le consentement à l’utilisation des preuves, à la renonciation à la spécialité ou à son extension',
      nl: 'Om toestemming vragen om het bewijsmateriaal te gebruiken, of om van de specialiteit af te zien of deze uit te breiden',
    },
    'request-further-info': {
      en: 'Ask for further information (e.g. the statement of the person surrendered)',
      es: 'Solicitar información adicional (p. ej., la declaración de la persona entregada)',
      fr: 'Demander des informations complémentaires (p. ex. la déclaration de la personne remise)',
      nl: 'Om aanvullende informatie vragen (bijv. de verklaring van de overgeleverde persoon)',
    },
    'provide-further-info': {
      en: 'Provide the information asked for',
      es: 'Facilitar la información solicitada',
      fr: 'Fournir les informations demandées',
      nl: 'De gevraagde informatie verstrekken',
    },
    'grant-consent': {
      en: 'Grant consent, possibly subject to conditions',
      es: 'Otorgar el consentimiento, en su caso con sujeción a condiciones',
      fr: 'Accorder le consentement, éventuellement sous conditions',
      nl: 'Toestemming verlenen, eventueel onder voorwaarden',
    },
    'refuse-consent': {
      en: 'Refuse consent, with reasons',
      es: 'Denegar el consentimiento, con indicación de los motivos',
      fr: 'Refuser le consentement, motifs à l’appui',
      nl: 'Toestemming weigeren, met opgave van redenen',
    },
    withdraw: {
      en: 'Withdraw the request',
      es: 'Retirar la solicitud',
      fr: 'Retirer la demande',
      nl: 'Het verzoek intrekken',
    },
  },
  deadlines: {
    decision: {
      en: 'Decide on the consent',
      es: 'Resolver sobre el consentimiento',
      fr: 'Statuer sur le consentement',
      nl: 'Over de toestemming beslissen',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
