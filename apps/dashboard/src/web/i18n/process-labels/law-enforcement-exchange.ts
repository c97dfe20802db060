import type { ProcessLabels } from '.';

export default {
  type: 'law-enforcement-exchange',
  title: {
    en: 'Law-enforcement information exchange',
    es: 'Intercambio de información entre autoridades encargadas de hacer cumplir la ley',
    fr: 'Échange d’informations entre services de détection et de répression',
    nl: 'Informatie-uitwisseling tussen rechtshandhavingsinstanties',
  },
  stages: {
    sent: { en: 'Request sent', es: 'Solicitud enviada', fr: 'Demande envoyée', nl: 'Verzoek verzonden' },
    'in-progress': {
      en: 'Being answered',
      es: 'Respuesta en preparación',
      fr: 'Réponse en cours',
      nl: 'Wordt beantwoord',
    },
    answered: { en: 'Answered', es: 'Respondida', fr: 'Réponse donnée', nl: 'Beantwoord' },
    completed: { en: 'Completed', es: 'Finalizada', fr: 'Terminée', nl: 'Afgerond' },
    declined: { en: 'Declined', es: 'Rechazada', fr: 'Refusée', nl: 'Afgewezen' },
    'promoted-to-mla': {
      en: 'Promoted to a formal MLA request',
      es: 'Convertida en solicitud formal de asistencia judicial recíproca',
      fr: 'Transformée en demande formelle d’entraide judiciaire',
      nl: 'Omgezet in een formeel verzoek om wederzijdse rechtshulp',
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
    answer: {
      en: 'Answer with the information found',
      es: 'Responder con la información hallada',
      fr: 'Répondre avec les informations trouvées',
      nl: 'Antwoorden met de gevonden informatie',
    },
    decline: {
      en: 'Decline on a ground the legal basis permits, with reasons',
      es: 'Rechazar por un motivo que permite la base jurídica, de forma motivada',
      fr: 'Refuser pour un motif que permet la base juridique, par une décision motivée',
      nl: 'Afwijzen op een grond die de rechtsgrondslag toestaat, met redenen omkleed',
    },
    complete: {
      en: 'Close the exchange: the answer suffices',
      es: 'Cerrar el intercambio: la respuesta es suficiente',
      fr: 'Clore l’échange : la réponse suffit',
      nl: 'De uitwisseling afsluiten: het antwoord volstaat',
    },
    'promote-to-mla': {
      en: 'Promote to a formal MLA request in the same case',
      es: 'Convertir en solicitud formal de asistencia judicial recíproca en el mismo caso',
      fr: 'Transformer en demande formelle d’entraide judiciaire dans la même affaire',
      nl: 'Omzetten in een formeel verzoek om wederzijdse rechtshulp in dezelfde zaak',
    },
    withdraw: {
      en: 'Withdraw the request',
      es: 'Retirar la solicitud',
      fr: 'Retirer la demande',
      nl: 'Het verzoek intrekken',
    },
  },
  deadlines: {
    answer: {
      en: 'Answer the request',
      es: 'Responder a la solicitud',
      fr: 'Répondre à la demande',
      nl: 'Het verzoek beantwoorden',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
