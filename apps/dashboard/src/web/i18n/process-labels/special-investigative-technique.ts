import type { ProcessLabels } from '.';

export default {
  type: 'special-investigative-technique',
  title: {
    en: 'Special investigative technique (controlled delivery)',
    es: 'Técnica especial de investigación (entrega vigilada)',
    fr: 'Technique d’enquête spéciale (livraison surveillée)',
    nl: 'Bijzondere opsporingstechniek (gecontroleerde aflevering)',
  },
  stages: {
    planning: {
      en: 'Planning: route and technique',
      es: 'Planificación: ruta y técnica',
      fr: 'Planification : itinéraire et technique',
      nl: 'Planning: route en techniek',
    },
    'authorisation-requested': {
      en: 'Authorisation requested from the route states',
      es: 'Autorización solicitada a los Estados de la ruta',
      fr: 'Autorisation demandée aux États de l’itinéraire',
      nl: 'Toestemming gevraagd aan de staten op de route',
    },
    authorising: {
      en: 'Authorisations being gathered',
      es: 'Obtención de las autorizaciones en curso',
      fr: 'Recueil des autorisations en cours',
      nl: 'Toestemmingen worden verzameld',
    },
    active: { en: 'Delivery under way', es: 'Entrega en curso', fr: 'Livraison en cours', nl: 'Aflevering loopt' },
    concluded: { en: 'Concluded', es: 'Concluida', fr: 'Terminée', nl: 'Afgerond' },
    refused: {
      en: 'Refused by a route state',
      es: 'Denegada por un Estado de la ruta',
      fr: 'Refusée par un État de l’itinéraire',
      nl: 'Geweigerd door een staat op de route',
    },
    withdrawn: { en: 'Withdrawn', es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    'declare-route': {
      en: 'Declare the route: every state the consignment crosses',
      es: 'Declarar la ruta: todos los Estados que atraviesa la remesa',
      fr: 'Déclarer l’itinéraire : tous les États que traverse l’expédition',
      nl: 'De route opgeven: elke staat die de zending doorkruist',
    },
    'request-authorisation': {
      en: 'Request authorisation from the route states',
      es: 'Solicitar autorización a los Estados de la ruta',
      fr: 'Demander l’autorisation aux États de l’itinéraire',
      nl: 'Toestemming vragen aan de staten op de route',
    },
    acknowledge: {
      en: 'Acknowledge receipt',
      es: 'Acusar recibo',
      fr: 'Accuser réception',
      nl: 'Ontvangst bevestigen',
    },
    'record-authorisation': {
      en: 'Record a route state’s authorisation (its authority and reference)',
      es: 'Registrar la autorización de un Estado de la ruta (autoridad y referencia)',
      fr: 'Enregistrer l’autorisation d’un État de l’itinéraire (autorité et référence)',
      nl: 'De toestemming van een staat op de route vastleggen (autoriteit en kenmerk)',
    },
    'refuse-authorisation': {
      en: 'A route state refuses authorisation, with reasons',
      es: 'Un Estado de la ruta deniega la autorización, de forma motivada',
      fr: 'Un État de l’itinéraire refuse l’autorisation, par une décision motivée',
      nl: 'Een staat op de route weigert toestemming, met redenen omkleed',
    },
    'start-delivery': {
      en: 'Start the delivery (every route state has authorised it)',
      es: 'Iniciar la entrega (todos los Estados de la ruta la han autorizado)',
      fr: 'Lancer la livraison (tous les États de l’itinéraire l’ont autorisée)',
      nl: 'De aflevering starten (alle staten op de route hebben toestemming gegeven)',
    },
    conclude: {
      en: 'Conclude the operation with its outcome',
      es: 'Concluir la operación con su resultado',
      fr: 'Clore l’opération avec son résultat',
      nl: 'De operatie afsluiten met het resultaat',
    },
    withdraw: {
      en: 'Withdraw before the delivery starts',
      es: 'Retirar antes de que comience la entrega',
      fr: 'Retirer avant le début de la livraison',
      nl: 'Intrekken voordat de aflevering begint',
    },
  },
  deadlines: {
    authorisation: {
      en: 'Every route state authorises (or refuses) the delivery',
      es: 'Todos los Estados de la ruta autorizan (o deniegan) la entrega',
      fr: 'Chaque État de l’itinéraire autorise (ou refuse) la livraison',
      nl: 'Elke staat op de route geeft (of weigert) toestemming voor de aflevering',
    },
    operation: {
      en: 'Conclude the operation',
      es: 'Concluir la operación',
      fr: 'Clore l’opération',
      nl: 'De operatie afsluiten',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
