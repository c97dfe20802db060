import type { ProcessLabels } from '.';

export default {
  type: 'joint-investigation',
  title: {
    es: 'Equipo conjunto de investigación',
    fr: 'Équipe commune d’enquête',
    nl: 'Gemeenschappelijk onderzoeksteam',
  },
  stages: {
    'needs-assessment': { es: 'Evaluación de necesidades', fr: 'Évaluation des besoins', nl: 'Behoeftebeoordeling' },
    'agreement-drafting': {
      es: 'Acuerdo: pendiente de firma por todos los miembros',
      fr: 'Accord : à signer par chaque membre',
      nl: 'Overeenkomst: door elk lid te ondertekenen',
    },
    'action-plan': {
      es: 'Plan de acción operativo',
      fr: 'Plan d’action opérationnel',
      nl: 'Operationeel actieplan',
    },
    active: { es: 'Activo', fr: 'Active', nl: 'Actief' },
    closure: { es: 'Cierre', fr: 'Clôture', nl: 'Afsluiting' },
    evaluated: { es: 'Evaluado', fr: 'Évaluée', nl: 'Geëvalueerd' },
    withdrawn: { es: 'No constituido', fr: 'Non constituée', nl: 'Niet opgericht' },
  },
  actions: {
    'propose-agreement': {
      es: 'Proponer el acuerdo a los miembros',
      fr: 'Proposer l’accord aux membres',
      nl: 'De overeenkomst aan de leden voorstellen',
    },
    join: {
      es: 'Un nuevo miembro se incorpora al equipo',
      fr: 'Un nouveau membre rejoint l’équipe',
      nl: 'Een nieuw lid treedt toe tot het team',
    },
    'sign-agreement': {
      es: 'Firmar el acuerdo (o adherirse a él)',
      fr: 'Signer l’accord (ou y adhérer)',
      nl: 'De overeenkomst ondertekenen (of ertoe toetreden)',
    },
    'conclude-agreement': {
      es: 'Acuerdo firmado por todos los miembros: elaborar el plan de acción',
      fr: 'Accord signé par chaque membre : établir le plan d’action',
      nl: 'Overeenkomst door elk lid ondertekend: het actieplan opstellen',
    },
    'adopt-action-plan': {
      es: 'Adoptar el plan de acción operativo: el equipo queda activo',
      fr: 'Adopter le plan d’action opérationnel : l’équipe est active',
      nl: 'Het operationele actieplan vaststellen: het team is actief',
    },
    'share-evidence': {
      es: 'Compartir pruebas con otros miembros (anotado en el registro de intercambios)',
      fr: 'Partager des preuves avec d’autres membres (consigné dans le journal des échanges)',
      nl: 'Bewijsmateriaal delen met andere leden (vastgelegd in het uitwisselingslogboek)',
    },
    'consent-to-extension': {
      es: 'Consentir la prórroga de la duración hasta una fecha',
      fr: 'Consentir à la prolongation de la durée jusqu’à une date',
      nl: 'Instemmen met verlenging van de looptijd tot een datum',
    },
    'extend-term': {
      es: 'Prorrogar la duración (todos los firmantes han dado su consentimiento)',
      fr: 'Prolonger la durée (tous les signataires y ont consenti)',
      nl: 'De looptijd verlengen (alle ondertekenaars hebben ingestemd)',
    },
    'refer-for-confiscation': {
      es: 'Remitir los bienes hallados por el equipo para su embargo preventivo y decomiso (inicia un decomiso de bienes en el caso)',
      fr: 'Signaler les biens découverts par l’équipe aux fins de gel et de confiscation (ouvre une confiscation de biens dans l’affaire)',
      nl: 'Door het team gevonden vermogensbestanddelen doorverwijzen voor bevriezing en confiscatie (start een confiscatie van vermogensbestanddelen in de zaak)',
    },
    close: { es: 'Cerrar las operaciones', fr: 'Clore les opérations', nl: 'De operaties afsluiten' },
    'expire-term': {
      es: 'La duración venció sin prórroga',
      fr: 'La durée a expiré sans prolongation',
      nl: 'De looptijd is zonder verlenging verstreken',
    },
    evaluate: { es: 'Evaluar el equipo', fr: 'Évaluer l’équipe', nl: 'Het team evalueren' },
    withdraw: { es: 'No constituir el equipo', fr: 'Ne pas constituer l’équipe', nl: 'Het team niet oprichten' },
  },
  deadlines: {
    term: {
      es: 'Duración del equipo (prorrogable por consentimiento)',
      fr: 'Durée de l’équipe (prolongeable par consentement)',
      nl: 'Looptijd van het team (met instemming verlengbaar)',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
