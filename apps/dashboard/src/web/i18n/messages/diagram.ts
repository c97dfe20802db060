import { defineArea } from '../define';

/** The state diagram of a process type (state-diagram.ts). */
export default defineArea('diagram', {
  label: {
    en: 'State diagram of {title}; current stage: {stage}',
    es: 'Diagrama de estados de {title}; etapa actual: {stage}',
    fr: 'Diagramme d’états de {title} ; étape actuelle : {stage}',
    nl: 'Toestandsdiagram van {title}; huidige fase: {stage}',
  },
  currentStage: {
    en: '{stage} (current stage)',
    es: '{stage} (etapa actual)',
    fr: '{stage} (étape actuelle)',
    nl: '{stage} (huidige fase)',
  },
});
