import type { ProcessLabels } from '.';

export default {
  type: 'transfer-of-proceedings',
  title: {
    es: 'Remisión de actuaciones penales',
    fr: 'Transfert de procédures pénales',
    nl: 'Overdracht van strafvervolging',
  },
  stages: {
    consultation: {
      es: 'Consulta sobre el lugar más adecuado para el enjuiciamiento',
      fr: 'Consultation sur le lieu le plus approprié pour les poursuites',
      nl: 'Overleg over de meest geschikte plaats van vervolging',
    },
    consulted: {
      es: 'Consulta realizada: solicitud formal por transmitir',
      fr: 'Consultation effectuée : demande formelle à transmettre',
      nl: 'Overleg gevoerd: formeel verzoek nog toe te zenden',
    },
    'request-transmitted': {
      es: 'Solicitud formal transmitida',
      fr: 'Demande formelle transmise',
      nl: 'Formeel verzoek toegezonden',
    },
    'under-decision': {
      es: 'Pendiente de decisión del Estado requerido',
      fr: 'En attente de la décision de l’État requis',
      nl: 'Ter beslissing bij de aangezochte staat',
    },
    'further-info-requested': {
      es: 'Información adicional solicitada',
      fr: 'Informations complémentaires demandées',
      nl: 'Aanvullende informatie gevraagd',
    },
    accepted: {
      es: 'Aceptada: actuaciones por asumir',
      fr: 'Acceptée : procédure à reprendre',
      nl: 'Aanvaard: vervolging over te nemen',
    },
    'taken-over': { es: 'Actuaciones asumidas', fr: 'Procédure reprise', nl: 'Vervolging overgenomen' },
    refused: { es: 'Denegada', fr: 'Refusée', nl: 'Geweigerd' },
    withdrawn: { es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    'conclude-consultation': {
      es: 'Consulta concluida: el Estado requerido expone su parecer',
      fr: 'Consultation terminée : l’État requis donne son avis',
      nl: 'Overleg afgerond: de aangezochte staat geeft zijn standpunt',
    },
    'transmit-request': {
      es: 'Transmitir la solicitud formal con el expediente',
      fr: 'Transmettre la demande formelle avec le dossier',
      nl: 'Het formele verzoek met het dossier toezenden',
    },
    acknowledge: { es: 'Acusar recibo', fr: 'Accuser réception', nl: 'Ontvangst bevestigen' },
    'request-further-info': {
      es: 'Solicitar información adicional a la parte requirente',
      fr: 'Demander des informations complémentaires à la partie requérante',
      nl: 'De verzoekende partij om aanvullende informatie vragen',
    },
    'provide-further-info': {
      es: 'Facilitar la información solicitada',
      fr: 'Fournir les informations demandées',
      nl: 'De gevraagde informatie verstrekken',
    },
    accept: { es: 'Aceptar la remisión', fr: 'Accepter le transfert', nl: 'De overdracht aanvaarden' },
    refuse: {
      es: 'Denegar por un motivo permitido, de forma motivada',
      fr: 'Refuser pour un motif admis, par une décision motivée',
      nl: 'Weigeren op een toegestane grond, met redenen omkleed',
    },
    'take-over': {
      es: 'Actuaciones incoadas en el Estado requerido (el Estado requirente suspende las suyas)',
      fr: 'Procédure ouverte dans l’État requis (l’État requérant suspend la sienne)',
      nl: 'Vervolging ingesteld in de aangezochte staat (de verzoekende staat schort de zijne op)',
    },
    withdraw: { es: 'Retirar la solicitud', fr: 'Retirer la demande', nl: 'Het verzoek intrekken' },
  },
  deadlines: {
    consultation: {
      es: 'Exponer su parecer en la consulta',
      fr: 'Donner un avis dans la consultation',
      nl: 'Een standpunt geven in het overleg',
    },
    decision: { es: 'Resolver sobre la solicitud', fr: 'Statuer sur la demande', nl: 'Op het verzoek beslissen' },
  },
  obligations: {},
} satisfies ProcessLabels;
