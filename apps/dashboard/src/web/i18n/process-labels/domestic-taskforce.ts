import type { ProcessLabels } from '.';

export default {
  type: 'domestic-taskforce',
  title: { es: 'Grupo de trabajo nacional', fr: 'Groupe de travail national', nl: 'Nationale taskforce' },
  stages: {
    setup: { es: 'En constitución', fr: 'En cours de constitution', nl: 'Wordt opgericht' },
    active: { es: 'Activo', fr: 'Actif', nl: 'Actief' },
    'information-requested': {
      es: 'Información solicitada a un miembro',
      fr: 'Informations demandées à un membre',
      nl: 'Informatie gevraagd aan een lid',
    },
    'money-trace-at-fiu': {
      es: 'Rastreo del dinero en la UIF',
      fr: 'Traçage des fonds à la CRF',
      nl: 'Geldspoor in onderzoek bij de FIU',
    },
    'money-trace-at-institution': {
      es: 'Registros solicitados a una institución financiera',
      fr: 'Documents demandés à un établissement financier',
      nl: 'Gegevens opgevraagd bij een financiële instelling',
    },
    closed: { es: 'Cerrado', fr: 'Clôturé', nl: 'Afgesloten' },
  },
  actions: {
    'add-member': {
      es: 'Añadir un organismo miembro',
      fr: 'Ajouter un organisme membre',
      nl: 'Een lidinstantie toevoegen',
    },
    activate: {
      es: 'Iniciar los trabajos (mandato acordado)',
      fr: 'Commencer les travaux (mandat convenu)',
      nl: 'Met de werkzaamheden beginnen (taakomschrijving overeengekomen)',
    },
    'request-information': {
      es: 'Solicitar información a un miembro',
      fr: 'Demander des informations à un membre',
      nl: 'Informatie vragen aan een lid',
    },
    'record-information': {
      es: 'Registrar la respuesta del miembro (adjunta al caso)',
      fr: 'Enregistrer la réponse du membre (jointe à l’affaire)',
      nl: 'Het antwoord van het lid vastleggen (bij de zaak gevoegd)',
    },
    'request-money-trace': {
      es: 'Pedir a la UIF que rastree el dinero',
      fr: 'Demander à la CRF de tracer les fonds',
      nl: 'De FIU vragen het geld te traceren',
    },
    'request-institution-records': {
      es: 'La UIF solicita registros a una institución financiera o a un proveedor de STDV',
      fr: 'La CRF demande des documents à un établissement financier ou à un prestataire de STFV',
      nl: 'De FIU vraagt gegevens op bij een financiële instelling of een aanbieder van geld- of waardeoverdrachtdiensten',
    },
    'return-records': {
      es: 'La institución entrega los registros',
      fr: 'L’établissement communique les documents',
      nl: 'De instelling verstrekt de gegevens',
    },
    'report-money-trace': {
      es: 'La UIF informa del rastreo del dinero (adjunto al caso)',
      fr: 'La CRF rend compte du traçage des fonds (joint à l’affaire)',
      nl: 'De FIU rapporteert het geldspoor (bij de zaak gevoegd)',
    },
    close: { es: 'Cerrar el grupo de trabajo', fr: 'Clore le groupe de travail', nl: 'De taskforce afsluiten' },
  },
  deadlines: {
    'member-information': {
      es: 'El miembro responde a la solicitud de información',
      fr: 'Le membre répond à la demande d’informations',
      nl: 'Het lid beantwoordt het informatieverzoek',
    },
    'money-trace': {
      es: 'La UIF informa del rastreo del dinero',
      fr: 'La CRF rend compte du traçage des fonds',
      nl: 'De FIU rapporteert het geldspoor',
    },
    'institution-records': {
      es: 'La institución entrega los registros',
      fr: 'L’établissement communique les documents',
      nl: 'De instelling verstrekt de gegevens',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
