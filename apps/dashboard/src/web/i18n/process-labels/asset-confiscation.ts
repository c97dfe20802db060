import type { ProcessLabels } from '.';

export default {
  type: 'asset-confiscation',
  title: { es: 'Decomiso de bienes', fr: 'Confiscation de biens', nl: 'Confiscatie van vermogensbestanddelen' },
  stages: {
    tracing: {
      es: 'Localización e identificación de los bienes',
      fr: 'Localisation et identification des biens',
      nl: 'Opsporing en identificatie van de vermogensbestanddelen',
    },
    'freezing-requested': {
      es: 'Embargo preventivo o incautación solicitados',
      fr: 'Gel ou saisie demandé',
      nl: 'Bevriezing of inbeslagneming gevraagd',
    },
    'freezing-recognised': {
      es: 'Orden de embargo preventivo reconocida (por ejecutar)',
      fr: 'Décision de gel reconnue (à exécuter)',
      nl: 'Bevriezingsbevel erkend (uit te voeren)',
    },
    frozen: {
      es: 'Bienes embargados preventivamente o incautados',
      fr: 'Biens gelés ou saisis',
      nl: 'Vermogensbestanddelen bevroren of in beslag genomen',
    },
    'confiscation-requested': {
      es: 'Orden de decomiso por ejecutar u obtener',
      fr: 'Décision de confiscation à exécuter ou à obtenir',
      nl: 'Confiscatiebevel ten uitvoer te leggen of te verkrijgen',
    },
    'asset-management': {
      es: 'Decomisados: bienes en administración',
      fr: 'Confisqués : biens en gestion',
      nl: 'Geconfisqueerd: vermogensbestanddelen in beheer',
    },
    disposal: {
      es: 'Disposición: devolución a las víctimas y después reparto',
      fr: 'Disposition : restitution aux victimes, puis partage',
      nl: 'Beschikking: teruggave aan slachtoffers, daarna verdeling',
    },
    disposed: { es: 'Disposición efectuada', fr: 'Disposition effectuée', nl: 'Beschikking voltooid' },
    refused: { es: 'Denegada', fr: 'Refusée', nl: 'Geweigerd' },
    withdrawn: { es: 'Retirada', fr: 'Retirée', nl: 'Ingetrokken' },
  },
  actions: {
    'report-assets': {
      es: 'Comunicar los bienes localizados e identificados',
      fr: 'Signaler les biens localisés et identifiés',
      nl: 'Opgespoorde en geïdentificeerde vermogensbestanddelen melden',
    },
    'request-freezing': {
      es: 'Solicitar el embargo preventivo o la incautación (puede sincronizarse con una detención en el caso)',
      fr: 'Demander le gel ou la saisie (peut être synchronisé avec une arrestation dans l’affaire)',
      nl: 'Om bevriezing of inbeslagneming verzoeken (kan worden afgestemd op een aanhouding in de zaak)',
    },
    'recognise-freezing': {
      es: 'Reconocer la orden de embargo preventivo',
      fr: 'Reconnaître la décision de gel',
      nl: 'Het bevriezingsbevel erkennen',
    },
    'refuse-freezing': {
      es: 'Denegar la orden de embargo preventivo (motivo y fundamentación)',
      fr: 'Refuser la décision de gel (motif et motivation)',
      nl: 'Het bevriezingsbevel weigeren (grond en motivering)',
    },
    'execute-freezing': {
      es: 'Embargo preventivo o incautación ejecutados (importe embargado)',
      fr: 'Gel ou saisie exécuté (montant gelé)',
      nl: 'Bevriezing of inbeslagneming uitgevoerd (bevroren bedrag)',
    },
    'freeze-more': {
      es: 'Otros bienes embargados preventivamente',
      fr: 'Biens supplémentaires gelés',
      nl: 'Aanvullende vermogensbestanddelen bevroren',
    },
    'release-assets': {
      es: 'Levantar el embargo de bienes (importe y motivos)',
      fr: 'Lever le gel de biens (montant et motifs)',
      nl: 'Bevroren vermogensbestanddelen vrijgeven (bedrag en redenen)',
    },
    'transmit-confiscation-order': {
      es: 'Transmitir una orden de decomiso (para su ejecución) o solicitar que se dicte (para obtenerla)',
      fr: 'Transmettre une décision de confiscation (à exécuter) ou en demander une (à obtenir)',
      nl: 'Een confiscatiebevel toezenden (ter tenuitvoerlegging) of erom verzoeken (ter verkrijging)',
    },
    'enforce-confiscation': {
      es: 'Dar cumplimiento a la orden de decomiso del Estado requirente (13(1)(b))',
      fr: 'Exécuter la décision de confiscation de l’État requérant (13(1)(b))',
      nl: 'Gevolg geven aan het confiscatiebevel van de verzoekende staat (13(1)(b))',
    },
    'obtain-confiscation-order': {
      es: 'Orden de decomiso obtenida de un tribunal nacional (13(1)(a))',
      fr: 'Décision de confiscation obtenue d’un tribunal national (13(1)(a))',
      nl: 'Confiscatiebevel verkregen van een nationale rechter (13(1)(a))',
    },
    'refuse-confiscation': {
      es: 'Denegar la orden de decomiso (motivo y fundamentación)',
      fr: 'Refuser la décision de confiscation (motif et motivation)',
      nl: 'Het confiscatiebevel weigeren (grond en motivering)',
    },
    'confiscate-more': {
      es: 'Otros bienes embargados decomisados',
      fr: 'Biens gelés supplémentaires confisqués',
      nl: 'Aanvullende bevroren vermogensbestanddelen geconfisqueerd',
    },
    'record-management-cost': {
      es: 'Registrar un gasto de administración de los bienes',
      fr: 'Enregistrer un coût de gestion des biens',
      nl: 'Een kostenpost voor het beheer van de vermogensbestanddelen vastleggen',
    },
    'begin-disposal': {
      es: 'Iniciar la disposición',
      fr: 'Commencer la disposition',
      nl: 'Met de beschikking beginnen',
    },
    'return-to-victims': {
      es: 'Devolver bienes a las víctimas o a sus propietarios legítimos (14(2))',
      fr: 'Restituer des biens aux victimes ou à leurs propriétaires légitimes (14(2))',
      nl: 'Vermogensbestanddelen teruggeven aan slachtoffers of rechtmatige eigenaars (14(2))',
    },
    'settle-victim-claims': {
      es: 'Reclamaciones de las víctimas resueltas (puede iniciarse el reparto)',
      fr: 'Demandes des victimes réglées (le partage peut commencer)',
      nl: 'Vorderingen van slachtoffers afgehandeld (de verdeling kan beginnen)',
    },
    share: {
      es: 'Repartir bienes con otro Estado (14(3))',
      fr: 'Partager des biens avec un autre État (14(3))',
      nl: 'Vermogensbestanddelen met een andere staat verdelen (14(3))',
    },
    'close-disposal': {
      es: 'Disposición concluida (el remanente queda en poder del Estado requerido, 14(1))',
      fr: 'Disposition achevée (le reliquat reste à l’État requis, 14(1))',
      nl: 'Beschikking voltooid (een eventueel restant blijft bij de aangezochte staat, 14(1))',
    },
    withdraw: { es: 'Retirar la solicitud', fr: 'Retirer la demande', nl: 'Het verzoek intrekken' },
  },
  deadlines: {
    'freezing-recognition': {
      es: 'Resolver sobre el reconocimiento de la orden de embargo preventivo',
      fr: 'Statuer sur la reconnaissance de la décision de gel',
      nl: 'Over de erkenning van het bevriezingsbevel beslissen',
    },
    'freezing-execution': {
      es: 'Ejecutar la orden de embargo preventivo',
      fr: 'Exécuter la décision de gel',
      nl: 'Het bevriezingsbevel uitvoeren',
    },
    'confiscation-recognition': {
      es: 'Resolver sobre la orden de decomiso',
      fr: 'Statuer sur la décision de confiscation',
      nl: 'Over het confiscatiebevel beslissen',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
