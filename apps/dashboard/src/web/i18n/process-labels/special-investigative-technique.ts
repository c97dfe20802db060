import type { ProcessLabels } from '.';

export default {
  type: 'special-investigative-technique',
  title: {
    es: 'Técnica especial de investigación (entrega vigilada)',
    fr: 'Technique d’enquête spéciale (livraison surveillée)',
    nl: 'Bijzondere opsporingstechniek (gecontroleerde aflevering)',
  },
  stages: {
    planning: {
      es: 'Planificación: ruta y técnica',
      fr: 'Planification : itinéraire et technique',
      nl: 'Planning: route en techniek',
    },
    'authorisation-requested': {
      es: 'Autorización solicitada a los Estados de la ruta',
      fr: 'Autorisation demandée aux États de l’itinéraire',
      nl: 'Toestemming gevraagd aan de staten op de route',
    },
    authorising: {
      es: 'Obtención de las autorizaciones en curso',
      fr: 'Recueil des autorisations en cours',
      nl: 'Toestemmingen worden verzameld',
    },
    active: { es: 'Entrega en curso', fr: 'Livraison en cours', nl: 'Aflevering loopt' },
    concluded: { es: 'Concluida', fr: 'Terminée', nl: 'Afgerond' },
    refused: {
      es: 'Denegada por un Estado de la ruta',
      fr: 'Refusée par un État de l’itinéraire',
      nl: 'Geweigerd door een staat op de route',
    },
    withdrawn: { es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    'declare-route': {
      es: 'Declarar la ruta: todos los Estados que atraviesa la remesa',
      fr: 'Déclarer l’itinéraire : tous les États que traverse l’expédition',
      nl: 'De route opgeven: elke staat die de zending doorkruist',
    },
    'request-authorisation': {
      es: 'Solicitar autorización a los Estados de la ruta',
      fr: 'Demander l’autorisation aux États de l’itinéraire',
      nl: 'Toestemming vragen aan de staten op de route',
    },
    acknowledge: { es: 'Acusar recibo', fr: 'Accuser réception', nl: 'Ontvangst bevestigen' },
    'record-authorisation': {
      es: 'Registrar la autorización de un Estado de la ruta (autoridad y referencia)',
      fr: 'Enregistrer l’autorisation d’un État de l’itinéraire (autorité et référence)',
      nl: 'De toestemming van een staat op de route vastleggen (autoriteit en kenmerk)',
    },
    'refuse-authorisation': {
      es: 'Un Estado de la ruta deniega la autorización, de forma motivada',
      fr: 'Un État de l’itinéraire refuse l’autorisation, par une décision motivée',
      nl: 'Een staat op de route weigert toestemming, met redenen omkleed',
    },
    'start-delivery': {
      es: 'Iniciar la entrega (todos los Estados de la ruta la han autorizado)',
      fr: 'Lancer la livraison (tous les États de l’itinéraire l’ont autorisée)',
      nl: 'De aflevering starten (alle staten op de route hebben toestemming gegeven)',
    },
    conclude: {
      es: 'Concluir la operación con su resultado',
      fr: 'Clore l’opération avec son résultat',
      nl: 'De operatie afsluiten met het resultaat',
    },
    withdraw: {
      es: 'Retirar antes de que comience la entrega',
      fr: 'Retirer avant le début de la livraison',
      nl: 'Intrekken voordat de aflevering begint',
    },
  },
  deadlines: {
    authorisation: {
      es: 'Todos los Estados de la ruta autorizan (o deniegan) la entrega',
      fr: 'Chaque État de l’itinéraire autorise (ou refuse) la livraison',
      nl: 'Elke staat op de route geeft (of weigert) toestemming voor de aflevering',
    },
    operation: { es: 'Concluir la operación', fr: 'Clore l’opération', nl: 'De operatie afsluiten' },
  },
  obligations: {},
} satisfies ProcessLabels;
