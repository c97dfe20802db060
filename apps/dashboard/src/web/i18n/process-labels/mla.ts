import type { ProcessLabels } from '.';

export default {
  type: 'mla',
  title: { es: 'Asistencia judicial recíproca', fr: 'Entraide judiciaire', nl: 'Wederzijdse rechtshulp' },
  stages: {
    draft: { es: 'Borrador', fr: 'Projet', nl: 'Concept' },
    'ca-review': {
      es: 'Revisión y traducción por la autoridad central',
      fr: 'Examen et traduction par l’autorité centrale',
      nl: 'Toetsing en vertaling door de centrale autoriteit',
    },
    transmitted: { es: 'Transmitida', fr: 'Transmise', nl: 'Toegezonden' },
    acknowledged: { es: 'Recepción confirmada', fr: 'Réception accusée', nl: 'Ontvangst bevestigd' },
    'further-info-requested': {
      es: 'Información adicional solicitada',
      fr: 'Informations complémentaires demandées',
      nl: 'Aanvullende informatie gevraagd',
    },
    'in-execution': { es: 'En ejecución', fr: 'En cours d’exécution', nl: 'In uitvoering' },
    'in-partial-execution': {
      es: 'En ejecución (parte de la solicitud denegada)',
      fr: 'En cours d’exécution (demande refusée en partie)',
      nl: 'In uitvoering (verzoek gedeeltelijk geweigerd)',
    },
    consultation: {
      es: 'Consulta: se solicita el parecer de la parte requirente (18(26))',
      fr: 'Consultation : la partie requérante est invitée à donner son avis (18(26))',
      nl: 'Overleg: de verzoekende partij wordt om haar standpunt gevraagd (18(26))',
    },
    consulted: {
      es: 'Consulta realizada: decide la parte requerida',
      fr: 'Consultation effectuée : la partie requise décide',
      nl: 'Overleg gevoerd: de aangezochte partij beslist',
    },
    'conditions-proposed': {
      es: 'Asistencia ofrecida supeditada a condiciones (18(26))',
      fr: 'Entraide proposée sous réserve de conditions (18(26))',
      nl: 'Rechtshulp aangeboden onder voorwaarden (18(26))',
    },
    postponed: { es: 'Diferida', fr: 'Différée', nl: 'Uitgesteld' },
    executed: { es: 'Ejecutada', fr: 'Exécutée', nl: 'Uitgevoerd' },
    'partly-executed': {
      es: 'Ejecutada en parte, denegada en parte',
      fr: 'Exécutée en partie, refusée en partie',
      nl: 'Gedeeltelijk uitgevoerd, gedeeltelijk geweigerd',
    },
    refused: { es: 'Denegada', fr: 'Refusée', nl: 'Geweigerd' },
    withdrawn: { es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    'submit-for-review': {
      es: 'Presentar a la autoridad central',
      fr: 'Soumettre à l’autorité centrale',
      nl: 'Aan de centrale autoriteit voorleggen',
    },
    'return-to-draft': { es: 'Devolver al redactor', fr: 'Renvoyer au rédacteur', nl: 'Terugsturen naar de opsteller' },
    'record-translation': {
      es: 'Registrar la traducción (18(14))',
      fr: 'Enregistrer la traduction (18(14))',
      nl: 'De vertaling vastleggen (18(14))',
    },
    transmit: {
      es: 'Transmitir al Estado requerido',
      fr: 'Transmettre à l’État requis',
      nl: 'Toezenden aan de aangezochte staat',
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
    'start-execution': { es: 'Iniciar la ejecución', fr: 'Commencer l’exécution', nl: 'Met de uitvoering beginnen' },
    'return-partial': {
      es: 'Remitir parte de las pruebas',
      fr: 'Transmettre une partie des preuves',
      nl: 'Een deel van het bewijsmateriaal toezenden',
    },
    consult: {
      es: 'Consultar a la parte requirente antes de denegar, diferir o imponer condiciones (18(26))',
      fr: 'Consulter la partie requérante avant de refuser, de différer ou de fixer des conditions (18(26))',
      nl: 'Overleg plegen met de verzoekende partij alvorens te weigeren, uit te stellen of voorwaarden te stellen (18(26))',
    },
    'answer-consultation': {
      es: 'Responder a la consulta: parecer de la parte requirente (p. ej., más información, alcance más limitado)',
      fr: 'Répondre à la consultation : avis de la partie requérante (p. ex. informations supplémentaires, portée plus restreinte)',
      nl: 'Antwoorden in het overleg: standpunt van de verzoekende partij (bijv. meer informatie, beperktere reikwijdte)',
    },
    'resume-execution': {
      es: 'Conceder: reanudar la ejecución',
      fr: 'Accorder : reprendre l’exécution',
      nl: 'Toestaan: de uitvoering hervatten',
    },
    'grant-subject-to-conditions': {
      es: 'Conceder supeditándola a condiciones (18(26))',
      fr: 'Accorder sous réserve de conditions (18(26))',
      nl: 'Toestaan onder voorwaarden (18(26))',
    },
    'accept-conditions': {
      es: 'Aceptar la asistencia supeditada a las condiciones (y quedar obligado a observarlas, 18(26))',
      fr: 'Accepter l’entraide sous réserve des conditions (et être alors tenu de les respecter, 18(26))',
      nl: 'De rechtshulp onder de voorwaarden aanvaarden (en daaraan vervolgens gebonden zijn, 18(26))',
    },
    'decline-conditions': {
      es: 'Rechazar las condiciones (la parte requerida vuelve a decidir)',
      fr: 'Refuser les conditions (la partie requise statue alors à nouveau)',
      nl: 'De voorwaarden afwijzen (de aangezochte partij beslist dan opnieuw)',
    },
    postpone: {
      es: 'Diferir la ejecución: perturbaría una investigación o un proceso (18(25))',
      fr: 'Différer l’exécution : elle entraverait une enquête ou une procédure (18(25))',
      nl: 'De uitvoering uitstellen: zij zou een onderzoek of procedure doorkruisen (18(25))',
    },
    'refuse-in-part': {
      es: 'Denegar parte de la solicitud por un motivo permitido y ejecutar el resto (18(21), 18(23))',
      fr: 'Refuser une partie de la demande pour un motif admis et exécuter le reste (18(21), 18(23))',
      nl: 'Een deel van het verzoek op een toegestane grond weigeren en de rest uitvoeren (18(21), 18(23))',
    },
    refuse: {
      es: 'Denegar por un motivo permitido, de forma motivada (18(21), 18(23))',
      fr: 'Refuser pour un motif admis, par une décision motivée (18(21), 18(23))',
      nl: 'Weigeren op een toegestane grond, met redenen omkleed (18(21), 18(23))',
    },
    'complete-execution': { es: 'Ejecución finalizada', fr: 'Exécution achevée', nl: 'Uitvoering voltooid' },
    'complete-partial-execution': {
      es: 'Ejecución de la parte no denegada finalizada',
      fr: 'Exécution de la partie non refusée achevée',
      nl: 'Uitvoering van het niet-geweigerde deel voltooid',
    },
    withdraw: { es: 'Retirar la solicitud', fr: 'Retirer la demande', nl: 'Het verzoek intrekken' },
  },
  deadlines: {
    translation: {
      es: 'Traducir a un idioma aceptable y transmitir',
      fr: 'Traduire dans une langue acceptable et transmettre',
      nl: 'In een aanvaardbare taal vertalen en toezenden',
    },
    recognition: {
      es: 'Acusar recibo de la solicitud (reconocerla)',
      fr: 'Accuser réception de la demande (la reconnaître)',
      nl: 'De ontvangst van het verzoek bevestigen (het erkennen)',
    },
    consultation: {
      es: 'Responder a la consulta (18(26))',
      fr: 'Répondre à la consultation (18(26))',
      nl: 'Antwoorden in het overleg (18(26))',
    },
    execution: { es: 'Ejecutar la solicitud', fr: 'Exécuter la demande', nl: 'Het verzoek uitvoeren' },
  },
  obligations: {},
} satisfies ProcessLabels;
