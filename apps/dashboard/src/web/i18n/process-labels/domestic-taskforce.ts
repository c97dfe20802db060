import type { ProcessLabels } from '.';

export default {
  type: 'domestic-taskforce',
  title: {
    en: 'Domestic task force',
    es: 'Grupo de trabajo nacional',
    fr: 'Groupe de travail national',
    nl: 'Nationale taskforce',
  },
  stages: {
    setup: { en: 'Being set up', es: 'En constitución', fr: 'En cours de constitution', nl: 'Wordt opgericht' },
    active: { en: 'Active', es: 'Activo', fr: 'Actif', nl: 'Actief' },
    'information-requested': {
      en: 'Information requested from a member',
      es: 'Información solicitada a un miembro',
      fr: 'Informations demandées à un membre',
      nl: 'Informatie gevraagd aan een lid',
    },
    'money-trace-at-fiu': {
      en: 'Money trace at the FIU',
      es: 'Rastreo del dinero en la UIF',
      fr: 'Traçage des fonds à la CRF',
      nl: 'Geldspoor in onderzoek bij de FIU',
    },
    'money-trace-at-institution': {
      en: 'Records requested from a financial institution',
      es: 'Registros solicitados a una institución financiera',
      fr: 'Documents demandés à un établissement financier',
      nl: 'Gegevens opgevraagd bij een financiële instelling',
    },
    closed: { en: 'Closed', es: 'Cerrado', fr: 'Clôturé', nl: 'Afgesloten' },
  },
  actions: {
    'add-member': {
      en: 'Add a member agency',
      es: 'Añadir un organismo miembro',
      fr: 'Ajouter un organisme membre',
      nl: 'Een lidinstantie toevoegen',
    },
    activate: {
      en: 'Start work (terms of reference agreed)',
      es: 'Iniciar los trabajos (mandato acordado)',
      fr: 'Commencer les travaux (mandat convenu)',
      nl: 'Met de werkzaamheden beginnen (taakomschrijving overeengekomen)',
    },
    'request-information': {
      en: 'Request information from a member',
      es: 'Solicitar información a un miembro',
      fr: 'Demander des informations à un membre',
      nl: 'Informatie vragen aan een lid',
    },
    'record-information': {
      en: 'Record the member’s answer (attached to the case)',
      es: 'Registrar la respuesta del miembro (adjunta al caso)',
      fr: 'Enregistrer la réponse du membre (jointe à l’affaire)',
      nl: 'Het antwoord van het lid vastleggen (bij de zaak gevoegd)',
    },
    'request-money-trace': {
      en: 'Ask the FIU to trace the money',
      es: 'Pedir a la UIF que rastree el dinero',
      fr: 'Demander à la CRF de tracer les fonds',
      nl: 'De FIU vragen het geld te traceren',
    },
    'request-institution-records': {
      en: 'The FIU asks a financial institution or MVTS for records',
      es: 'La UIF solicita registros a una institución financiera o a un proveedor de STDV',
      fr: 'La CRF demande des documents à un établissement financier ou à un prestataire de STFV',
      nl: 'De FIU vraagt gegevens op bij een financiële instelling of een aanbieder van geld- of waardeoverdrachtdiensten',
    },
    'return-records': {
      en: 'The institution returns the records',
      es: 'La institución entrega los registros',
      fr: 'L’établissement communique les documents',
      nl: 'De instelling verstrekt de gegevens',
    },
    'report-money-trace': {
      en: 'The FIU reports the money trace (attached to the case)',
      es: 'La UIF informa del rastreo del dinero (adjunto al caso)',
      fr: 'La CRF rend compte du traçage des fonds (joint à l’affaire)',
      nl: 'De FIU rapporteert het geldspoor (bij de zaak gevoegd)',
    },
    close: {
      en: 'Close the task force',
      es: 'Cerrar el grupo de trabajo',
      fr: 'Clore le groupe de travail',
      nl: 'De taskforce afsluiten',
    },
  },
  deadlines: {
    'member-information': {
      en: 'The member answers the information request',
      es: 'El miembro responde a la solicitud de información',
      fr: 'Le membre répond à la demande d’informations',
      nl: 'Het lid beantwoordt het informatieverzoek',
    },
    'money-trace': {
      en: 'The FIU reports the money trace',
      es: 'La UIF informa del rastreo del dinero',
      fr: 'La CRF rend compte du traçage des fonds',
      nl: 'De FIU rapporteert het geldspoor',
    },
    'institution-records': {
      en: 'The institution returns the records',
      es: 'La institución entrega los registros',
      fr: 'L’établissement communique les documents',
      nl: 'De instelling verstrekt de gegevens',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
