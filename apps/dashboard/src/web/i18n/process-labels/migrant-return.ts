import type { ProcessLabels } from '.';

export default {
  type: 'migrant-return',
  title: {
    en: 'Return of a smuggled migrant',
    es: 'Repatriación de un migrante objeto de tráfico ilícito',
    fr: 'Retour d’un migrant objet d’un trafic illicite',
    nl: 'Terugkeer van een gesmokkelde migrant',
  },
  stages: {
    'verification-requested': {
      en: 'Nationality or residence verification requested',
      es: 'Verificación de nacionalidad o residencia solicitada',
      fr: 'Vérification de la nationalité ou de la résidence demandée',
      nl: 'Verificatie van nationaliteit of verblijf gevraagd',
    },
    verified: {
      en: 'Nationality or residence verified',
      es: 'Nacionalidad o residencia verificada',
      fr: 'Nationalité ou résidence vérifiée',
      nl: 'Nationaliteit of verblijf geverifieerd',
    },
    'documents-issued': {
      en: 'Travel documents issued',
      es: 'Documentos de viaje expedidos',
      fr: 'Documents de voyage délivrés',
      nl: 'Reisdocumenten afgegeven',
    },
    'return-scheduled': {
      en: 'Return scheduled',
      es: 'Repatriación programada',
      fr: 'Retour programmé',
      nl: 'Terugkeer gepland',
    },
    suspended: {
      en: 'Return suspended',
      es: 'Repatriación suspendida',
      fr: 'Retour suspendu',
      nl: 'Terugkeer opgeschort',
    },
    returned: { en: 'Returned', es: 'Repatriación efectuada', fr: 'Retour effectué', nl: 'Teruggekeerd' },
    'not-verified': {
      en: 'Nationality or residence not confirmed',
      es: 'Nacionalidad o residencia no confirmada',
      fr: 'Nationalité ou résidence non confirmée',
      nl: 'Nationaliteit of verblijf niet bevestigd',
    },
    cancelled: { en: 'Cancelled', es: 'Cancelada', fr: 'Annulé', nl: 'Geannuleerd' },
  },
  actions: {
    'confirm-status': {
      en: 'Confirm the person is a national or permanent resident (18(3))',
      es: 'Confirmar que la persona es nacional o tiene derecho de residencia permanente (18(3))',
      fr: 'Confirmer que la personne est un ressortissant ou a le droit de résider à titre permanent (18(3))',
      nl: 'Bevestigen dat de persoon onderdaan is of permanent verblijfsrecht heeft (18(3))',
    },
    'deny-status': {
      en: 'Not a national or permanent resident, with reasons',
      es: 'No es nacional ni tiene derecho de residencia permanente, con indicación de los motivos',
      fr: 'N’est ni ressortissant ni titulaire du droit de résider à titre permanent, motifs à l’appui',
      nl: 'Geen onderdaan en geen permanent verblijfsrecht, met opgave van redenen',
    },
    'issue-travel-documents': {
      en: 'Issue the travel documents needed to return (18(4))',
      es: 'Expedir los documentos de viaje necesarios para el regreso (18(4))',
      fr: 'Délivrer les documents de voyage nécessaires au retour (18(4))',
      nl: 'De voor de terugkeer benodigde reisdocumenten afgeven (18(4))',
    },
    'schedule-return': {
      en: 'Schedule the return (date, means, escort)',
      es: 'Programar la repatriación (fecha, medio, escolta)',
      fr: 'Programmer le retour (date, moyen, escorte)',
      nl: 'De terugkeer plannen (datum, vervoermiddel, begeleiding)',
    },
    'confirm-arrival': {
      en: 'The person arrived and was received (18(5))',
      es: 'La persona llegó y fue recibida (18(5))',
      fr: 'La personne est arrivée et a été accueillie (18(5))',
      nl: 'De persoon is aangekomen en opgevangen (18(5))',
    },
    suspend: {
      en: 'Suspend the return (e.g. a protection claim), with reasons',
      es: 'Suspender la repatriación (p. ej., una solicitud de protección), con indicación de los motivos',
      fr: 'Suspendre le retour (p. ex. une demande de protection), motifs à l’appui',
      nl: 'De terugkeer opschorten (bijv. een beschermingsverzoek), met opgave van redenen',
    },
    resume: {
      en: 'Resume the return',
      es: 'Reanudar la repatriación',
      fr: 'Reprendre le retour',
      nl: 'De terugkeer hervatten',
    },
    cancel: {
      en: 'Cancel the return (e.g. protection granted), with reasons',
      es: 'Cancelar la repatriación (p. ej., protección concedida), con indicación de los motivos',
      fr: 'Annuler le retour (p. ex. protection accordée), motifs à l’appui',
      nl: 'De terugkeer annuleren (bijv. bescherming verleend), met opgave van redenen',
    },
  },
  deadlines: {
    'status-verification': {
      en: 'Verify nationality or residence without unreasonable delay',
      es: 'Verificar la nacionalidad o residencia sin demora injustificada',
      fr: 'Vérifier la nationalité ou la résidence sans retard déraisonnable',
      nl: 'Nationaliteit of verblijf zonder onredelijke vertraging verifiëren',
    },
    'travel-documents': {
      en: 'Issue the travel documents',
      es: 'Expedir los documentos de viaje',
      fr: 'Délivrer les documents de voyage',
      nl: 'De reisdocumenten afgeven',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
