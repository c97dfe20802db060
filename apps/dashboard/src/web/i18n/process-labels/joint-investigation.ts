import type { ProcessLabels } from '.';

export default {
  type: 'joint-investigation',
  title: {
    en: 'Joint investigation team',
    es: 'Equipo conjunto de investigación',
    fr: 'Équipe commune d’enquête',
    nl: 'Gemeenschappelijk onderzoeksteam',
  },
  stages: {
    'needs-assessment': {
      en: 'Needs assessment',
      es: 'Evaluación de necesidades',
      fr: 'Évaluation des besoins',
      nl: 'Behoeftebeoordeling',
    },
    'agreement-drafting': {
      en: 'Agreement: to be signed by every member',
      es: 'Acuerdo: pendiente de firma por todos los miembros',
      fr: 'Accord : à signer par chaque membre',
      nl: 'Overeenkomst: door elk lid te ondertekenen',
    },
    'action-plan': {
      en: 'Operational action plan',
      es: 'Plan de acción operativo',
      fr: 'Plan d’action opérationnel',
      nl: 'Operationeel actieplan',
    },
    active: { en: 'Active', es: 'Activo', fr: 'Active', nl: 'Actief' },
    closure: { en: 'Closure', es: 'Cierre', fr: 'Clôture', nl: 'Afsluiting' },
    evaluated: { en: 'Evaluated', es: 'Evaluado', fr: 'Évaluée', nl: 'Geëvalueerd' },
    withdrawn: { en: 'Not set up', es: 'No constituido', fr: 'Non constituée', nl: 'Niet opgericht' },
  },
  actions: {
    'propose-agreement': {
      en: 'Propose the agreement to the members',
      es: 'Proponer el acuerdo a los miembros',
      fr: 'Proposer l’accord aux membres',
      nl: 'De overeenkomst aan de leden voorstellen',
    },
    join: {
      en: 'A further member joins the team',
      es: 'Un nuevo miembro se incorpora al equipo',
      fr: 'Un nouveau membre rejoint l’équipe',
      nl: 'Een nieuw lid treedt toe tot het team',
    },
    'sign-agreement': {
      en: 'Sign the agreement (or accede to it)',
      es: 'Firmar el acuerdo (o adherirse a él)',
      fr: 'Signer l’accord (ou y adhérer)',
      nl: 'De overeenkomst ondertekenen (of ertoe toetreden)',
    },
    'conclude-agreement': {
      en: 'Agreement signed by every member: draw up the action plan',
      es: 'Acuerdo firmado por todos los miembros: elaborar el plan de acción',
      fr: 'Accord signé par chaque membre : établir le plan d’action',
      nl: 'Overeenkomst door elk lid ondertekend: het actieplan opstellen',
    },
    'adopt-action-plan': {
      en: 'Adopt the operational action plan: the team is active',
      es: 'Adoptar el plan de acción operativo: el equipo queda activo',
      fr: 'Adopter le plan d’action opérationnel : l’équipe est active',
      nl: 'Het operationele actieplan vaststellen: het team is actief',
    },
    'share-evidence': {
      en: 'Share evidence with other members (recorded in the exchange log)',
      es: 'Compartir pruebas con otros miembros (anotado en el registro de intercambios)',
      fr: 'Partager des preuves avec d’autres membres (consigné dans le journal des échanges)',
      nl: 'Bewijsmateriaal delen met andere leden (vastgelegd in het uitwisselingslogboek)',
    },
    'consent-to-extension': {
      en: 'Consent to extending the term until a date',
      es: 'Consentir la prórroga de la duración hasta una fecha',
      fr: 'Consentir à la prolongation de la durée jusqu’à une date',
      nl: 'Instemmen met verlenging van de looptijd tot een datum',
    },
    'extend-term': {
      en: 'Extend the term (every signatory consented)',
      es: 'Prorrogar la duración (todos los firmantes han dado su consentimiento)',
      fr: 'Prolonger la durée (tous les signataires y ont consenti)',
      nl: 'De looptijd verlengen (alle ondertekenaars hebben ingestemd)',
    },
    'refer-for-confiscation': {
      en: 'Refer assets the team found for freezing and confiscation (starts an asset-confiscation in the case)',
      es: 'Remitir los bienes hallados por el equipo para su embargo preventivo y decomiso (inicia un decomiso de bienes en el caso)',
      fr: 'Signaler les biens découverts par l’équipe aux fins de gel et de confiscation (ouvre une confiscation de biens dans l’affaire)',
      nl: 'Door het team gevonden vermogensbestanddelen doorverwijzen voor bevriezing en confiscatie (start een confiscatie van vermogensbestanddelen in de zaak)',
    },
    close: {
      en: 'Close the operations',
      es: 'Cerrar las operaciones',
      fr: 'Clore les opérations',
      nl: 'De operaties afsluiten',
    },
    'expire-term': {
      en: 'The term ran out without an extension',
      es: 'La duración venció sin prórroga',
      fr: 'La durée a expiré sans prolongation',
      nl: 'De looptijd is zonder verlenging verstreken',
    },
    evaluate: { en: 'Evaluate the team', es: 'Evaluar el equipo', fr: 'Évaluer l’équipe', nl: 'Het team evalueren' },
    withdraw: {
      en: 'Do not set the team up',
      es: 'No constituir el equipo',
      fr: 'Ne pas constituer l’équipe',
      nl: 'Het team niet oprichten',
    },
  },
  deadlines: {
    term: {
      en: "The team's term (extendable by consent)",
      es: 'Duración del equipo (prorrogable por consentimiento)',
      fr: 'Durée de l’équipe (prolongeable par consentement)',
      nl: 'Looptijd van het team (met instemming verlengbaar)',
    },
  },
  obligations: {},
} satisfies ProcessLabels;
