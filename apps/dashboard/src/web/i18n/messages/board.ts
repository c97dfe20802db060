import { defineArea } from '../define';

/** The pipeline board: its lanes, columns, cards and filters. */
export default defineArea('board', {
  title: { en: 'Pipeline', es: 'Flujo', fr: 'Flux', nl: 'Pijplijn' },
  overdue: { en: 'Overdue', es: 'Vencido', fr: 'En retard', nl: 'Verlopen' },
  stalled: { en: 'Stalled', es: 'Bloqueado', fr: 'Bloquée', nl: 'Vastgelopen' },
  stalledHint: {
    en: 'Its workflow task keeps failing: it cannot move',
    es: 'Su tarea de flujo de trabajo sigue fallando: no puede avanzar',
    fr: 'Sa tâche de workflow échoue sans cesse : elle ne peut pas avancer',
    nl: 'De workflowtaak blijft mislukken: de procedure kan niet verder',
  },
  finished: {
    en: 'finished {age} ago',
    es: 'terminado hace {age}',
    fr: 'terminée il y a {age}',
    nl: '{age} geleden afgerond',
  },
  nextDeadline: {
    en: 'next deadline: {time}',
    es: 'próximo plazo: {time}',
    fr: 'prochain délai : {time}',
    nl: 'volgende termijn: {time}',
  },
  noDeadline: {
    en: 'no deadline running',
    es: 'ningún plazo en curso',
    fr: 'aucun délai en cours',
    nl: 'geen lopende termijn',
  },
  case: { en: 'case {caseId}', es: 'caso {caseId}', fr: 'affaire {caseId}', nl: 'zaak {caseId}' },
  processCount: {
    en: { one: '{number} process', other: '{number} processes' },
    es: { one: '{number} proceso', other: '{number} procesos' },
    fr: { one: '{number} procédure', other: '{number} procédures' },
    nl: { one: '{number} procedure', other: '{number} procedures' },
  },
  overdueCount: {
    en: { one: '{number} overdue', other: '{number} overdue' },
    es: { one: '{number} vencido', other: '{number} vencidos' },
    fr: { one: '{number} en retard', other: '{number} en retard' },
    nl: { one: '{number} verlopen', other: '{number} verlopen' },
  },
  oldest: {
    en: 'oldest: {id}, here {age}',
    es: 'el más antiguo: {id}, aquí desde hace {age}',
    fr: 'la plus ancienne : {id}, ici depuis {age}',
    nl: 'oudste: {id}, hier sinds {age}',
  },
  moreInList: {
    en: { one: 'and {number} more in the list', other: 'and {number} more in the list' },
    es: { one: 'y {number} más en la lista', other: 'y {number} más en la lista' },
    fr: { one: 'et {number} autre dans la liste', other: 'et {number} autres dans la liste' },
    nl: { one: 'en nog {number} in de lijst', other: 'en nog {number} in de lijst' },
  },
  filterLabel: {
    en: 'Filter the board',
    es: 'Filtrar el tablero',
    fr: 'Filtrer le tableau',
    nl: 'Het bord filteren',
  },
  agency: { en: 'Agency', es: 'Organismo', fr: 'Organisme', nl: 'Instantie' },
  agencyExample: {
    en: 'e.g. gr-coastguard',
    es: 'p. ej. gr-coastguard',
    fr: 'p. ex. gr-coastguard',
    nl: 'bijv. gr-coastguard',
  },
  state: { en: 'State', es: 'Estado', fr: 'État', nl: 'Staat' },
  stateExample: { en: 'e.g. GR', es: 'p. ej. GR', fr: 'p. ex. GR', nl: 'bijv. GR' },
  priority: { en: 'Priority', es: 'Prioridad', fr: 'Priorité', nl: 'Prioriteit' },
  anyPriority: {
    en: 'any priority',
    es: 'cualquier prioridad',
    fr: 'toute priorité',
    nl: 'elke prioriteit',
  },
  caseField: { en: 'Case', es: 'Caso', fr: 'Affaire', nl: 'Zaak' },
  caseReference: {
    en: 'case reference',
    es: 'referencia del caso',
    fr: 'référence de l’affaire',
    nl: 'zaakreferentie',
  },
  apply: { en: 'Apply', es: 'Aplicar', fr: 'Appliquer', nl: 'Toepassen' },
  clear: { en: 'Clear', es: 'Borrar', fr: 'Effacer', nl: 'Wissen' },
  leftOut: {
    en: 'Left out of the filter: {what}.',
    es: 'Excluido del filtro: {what}.',
    fr: 'Exclu du filtre : {what}.',
    nl: 'Weggelaten uit het filter: {what}.',
  },
  stagesOf: {
    en: '{title} stages',
    es: 'Etapas de {title}',
    fr: 'Étapes de {title}',
    nl: 'Fasen van {title}',
  },
  stalledProcesses: {
    en: {
      one: "{number} process is stalled (the worker cannot run it; see the worker's log): {ids}",
      other: "{number} processes are stalled (the worker cannot run them; see the worker's log): {ids}",
    },
    es: {
      one: '{number} proceso está bloqueado (el worker no puede ejecutarlo; consulte el registro del worker): {ids}',
      other:
        '{number} procesos están bloqueados (el worker no puede ejecutarlos; consulte el registro del worker): {ids}',
    },
    fr: {
      one: '{number} procédure est bloquée (le worker ne peut pas l’exécuter ; consultez le journal du worker) : {ids}',
      other:
        '{number} procédures sont bloquées (le worker ne peut pas les exécuter ; consultez le journal du worker) : {ids}',
    },
    nl: {
      one: '{number} procedure is vastgelopen (de worker kan haar niet uitvoeren; zie het log van de worker): {ids}',
      other: '{number} procedures zijn vastgelopen (de worker kan ze niet uitvoeren; zie het log van de worker): {ids}',
    },
  },
  loadFailed: {
    en: 'Could not load the board: {message}',
    es: 'No se pudo cargar el tablero: {message}',
    fr: 'Impossible de charger le tableau : {message}',
    nl: 'Het bord kon niet worden geladen: {message}',
  },
  moved: {
    en: '{type} {id}: now {stage}',
    es: '{type} {id}: ahora {stage}',
    fr: '{type} {id} : maintenant {stage}',
    nl: '{type} {id}: nu {stage}',
  },
});
