import type { ProcessLabels } from '.';

export default {
  type: 'transfer-of-proceedings',
  title: {
    en: 'Transfer of criminal proceedings',
    es: 'Remisión de actuaciones penales',
    fr: 'Transfert des procédures pénales',
    nl: 'Overdracht van strafvervolging',
  },
  stages: {
    consultation: {
      en: 'Consultation on the best place to prosecute',
      es: 'Consulta sobre el lugar más adecuado para el enjuiciamiento',
      fr: 'Consultation sur le lieu le plus approprié pour les poursuites',
      nl: 'Overleg over de meest geschikte plaats van vervolging',
    },
    consulted: {
      en: 'Consulted: formal request to be transmitted',
      es: 'Consulta realizada: solicitud formal por transmitir',
      fr: 'Consultation effectuée : demande formelle à transmettre',
      nl: 'Overleg gevoerd: formeel verzoek nog toe te zenden',
    },
    'request-transmitted': {
      en: 'Formal request transmitted',
      es: 'Solicitud formal transmitida',
      fr: 'Demande formelle transmise',
      nl: 'Formeel verzoek toegezonden',
    },
    'under-decision': {
      en: 'Under decision by the requested state',
      es: 'Pendiente de decisión del Estado requerido',
      fr: 'En attente de la décision de l’État requis',
      nl: 'Ter beslissing bij de aangezochte staat',
    },
    'further-info-requested': {
      en: 'Further information requested',
      es: 'Información adicional solicitada',
      fr: 'Informations complémentaires demandées',
      nl: 'Aanvullende informatie gevraagd',
    },
    accepted: {
      en: 'Accepted: proceedings to be taken over',
      es: 'Aceptada: actuaciones por asumir',
      fr: 'Acceptée : poursuites à reprendre',
      nl: 'Aanvaard: vervolging over te nemen',
    },
    'taken-over': {
      en: 'Proceedings taken over',
      es: 'Actuaciones asumidas',
      fr: 'Poursuites reprises',
      nl: 'Vervolging overgenomen',
    },
    refused: { en: 'Refused', es: 'Denegada', fr: 'Refusée', nl: 'Geweigerd' },
    withdrawn: { en: 'Withdrawn', es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    'conclude-consultation': {
      en: 'Consultation concluded: the requested state gives its view',
      es: 'Consulta concluida: el Estado requerido expone su parecer',
      fr: 'Consultation terminée : l’État requis donne son avis',
      nl: 'Overleg afgerond: de aangezochte staat geeft zijn standpunt',
    },
    'transmit-request': {
      en: 'Transmit the formal request with the file',
      es: 'Transmitir la solicitud formal con el expediente',
      fr: 'Transmettre la demande formelle avec le dossier',
      nl: 'Het formele verzoek met het dossier toezenden',
    },
    acknowledge: {
      en: 'Acknowledge receipt',
      es: 'Acusar recibo',
      fr: 'Accuser réception',
      nl: 'Ontvangst bevestigen',
    },
    'request-further-info': {
      en: 'Ask the requesting side for further information',
      es: 'Solicitar información adicional a la parte requirente',
      fr: 'Demander des informations complémentaires à la partie requérante',
      nl: 'De verzoekende partij om aanvullende informatie vragen',
    },
    'provide-further-info': {
      en: 'Provide the information asked for',
      es: 'Facilitar la información solicitada',
      fr: 'Fournir les informations demandées',
      nl: 'De gevraagde informatie verstrekken',
    },
    accept: {
      en: 'Accept the transfer',
      es: 'Aceptar la remisión',
      fr: 'Accepter le transfert',
      nl: 'De overdracht aanvaarden',
    },
    refuse: {
      en: 'Refuse on a permitted ground, with reasons',
      es: 'Denegar por un motivo permitido, de forma motivada',
      fr: 'Refuser pour un motif admis, par une décision motivée',
      nl: 'Weigeren op een toegestane grond, met redenen omkleed',
    },
    'take-over': {
      en: 'Proceedings opened in the requested state (the requesting state suspends its own)',
      es: 'Actuaciones incoadas en el Estado requerido (el Estado requirente suspende las suyas)',
      fr: 'Poursuites engagées dans l’État requis (l’État requérant suspend les siennes)',
      nl: 'Vervolging ingesteld in de aangezochte staat (de verzoekende staat schort de zijne op)',
    },
    withdraw: {
      en: 'Withdraw the request',
      es: 'Retirar la solicitud',
      fr: 'Retirer la demande',
      nl: 'Het verzoek intrekken',
    },
  },
  deadlines: {
    consultation: {
      en: 'Give a view in the consultation',
      es: 'Exponer su parecer en la consulta',
      fr: 'Donner un avis dans la consultation',
      nl: 'Een standpunt geven in het overleg',
    },
    decision: {
      en: 'Decide on the request',
      es: 'Resolver sobre la solicitud',
      fr: 'Statuer sur la demande',
      nl: 'Op het verzoek beslissen',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
