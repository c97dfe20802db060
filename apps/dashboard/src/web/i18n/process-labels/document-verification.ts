import type { ProcessLabels } from '.';

export default {
  type: 'document-verification',
  title: {
    en: 'Travel-document verification',
    es: 'Verificación de documentos de viaje',
    fr: 'Vérification de documents de voyage',
    nl: 'Verificatie van reisdocumenten',
  },
  stages: {
    sent: {
      en: 'Request sent to the issuing state',
      es: 'Solicitud enviada al Estado expedidor',
      fr: 'Demande envoyée à l’État de délivrance',
      nl: 'Verzoek verzonden aan de staat van afgifte',
    },
    'under-verification': {
      en: 'Being verified',
      es: 'En verificación',
      fr: 'En cours de vérification',
      nl: 'Wordt geverifieerd',
    },
    'further-details-requested': {
      en: 'Further details requested',
      es: 'Datos adicionales solicitados',
      fr: 'Précisions complémentaires demandées',
      nl: 'Aanvullende gegevens gevraagd',
    },
    verified: {
      en: 'Verified: genuine and valid',
      es: 'Verificado: auténtico y válido',
      fr: 'Vérifié : authentique et valide',
      nl: 'Geverifieerd: echt en geldig',
    },
    'not-verified': {
      en: 'Not verified: not genuine or not valid',
      es: 'No verificado: no auténtico o no válido',
      fr: 'Non vérifié : non authentique ou non valide',
      nl: 'Niet geverifieerd: niet echt of niet geldig',
    },
    withdrawn: { en: 'Withdrawn', es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    acknowledge: {
      en: 'Acknowledge receipt',
      es: 'Acusar recibo',
      fr: 'Accuser réception',
      nl: 'Ontvangst bevestigen',
    },
    'request-further-details': {
      en: 'Ask for further details (a copy, the holder’s data)',
      es: 'Solicitar datos adicionales (una copia, los datos del titular)',
      fr: 'Demander des précisions complémentaires (une copie, les données du titulaire)',
      nl: 'Om aanvullende gegevens vragen (een kopie, de gegevens van de houder)',
    },
    'provide-further-details': {
      en: 'Provide the details asked for',
      es: 'Facilitar los datos solicitados',
      fr: 'Fournir les précisions demandées',
      nl: 'De gevraagde gegevens verstrekken',
    },
    'confirm-genuine': {
      en: 'Confirm the document was issued by this state and is valid',
      es: 'Confirmar que el documento fue expedido por este Estado y es válido',
      fr: 'Confirmer que le document a été délivré par cet État et qu’il est valide',
      nl: 'Bevestigen dat het document door deze staat is afgegeven en geldig is',
    },
    'report-not-genuine': {
      en: 'Report the document not genuine or not valid, with the finding',
      es: 'Comunicar que el documento no es auténtico o no es válido, con la constatación',
      fr: 'Signaler que le document n’est pas authentique ou pas valide, avec la constatation',
      nl: 'Melden dat het document niet echt of niet geldig is, met de bevinding',
    },
    withdraw: {
      en: 'Withdraw the request',
      es: 'Retirar la solicitud',
      fr: 'Retirer la demande',
      nl: 'Het verzoek intrekken',
    },
  },
  deadlines: {
    verification: {
      en: 'Answer whether the document is genuine and valid',
      es: 'Responder si el documento es auténtico y válido',
      fr: 'Indiquer si le document est authentique et valide',
      nl: 'Antwoorden of het document echt en geldig is',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
