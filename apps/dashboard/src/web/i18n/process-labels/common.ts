import type { Labels } from '.';

/** The actions every process type has (libs/domain processes/common.ts `withCommonActions`), by code. */
export default {
  'change-priority': {
    en: 'Change the priority (deadlines follow)',
    es: 'Cambiar la prioridad (los plazos se ajustan)',
    fr: 'Modifier la priorité (les délais s’ajustent)',
    nl: 'De prioriteit wijzigen (de termijnen worden aangepast)',
  },
  'link-case': {
    en: 'Put the process in a case',
    es: 'Incluir el proceso en un caso',
    fr: 'Rattacher la procédure à une affaire',
    nl: 'De procedure aan een zaak toevoegen',
  },
  'attach-document': {
    en: 'Attach a document',
    es: 'Adjuntar un documento',
    fr: 'Joindre un document',
    nl: 'Een document toevoegen',
  },
} satisfies Labels;
