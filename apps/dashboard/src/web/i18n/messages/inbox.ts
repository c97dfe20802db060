import { defineArea } from '../define';

/** The inbox, and the columns of every list of processes that wait. */
export default defineArea('inbox', {
  columnProcess: { en: 'Process', es: 'Proceso', fr: 'Procédure', nl: 'Procedure' },
  columnType: { en: 'Type', es: 'Tipo', fr: 'Type', nl: 'Type' },
  columnStage: { en: 'Stage', es: 'Etapa', fr: 'Étape', nl: 'Fase' },
  columnWaitingFor: { en: 'Waiting for', es: 'En espera de', fr: 'En attente de', nl: 'Wacht op' },
  columnPriority: { en: 'Priority', es: 'Prioridad', fr: 'Priorité', nl: 'Prioriteit' },
  columnDue: { en: 'Due', es: 'Vence', fr: 'Échéance', nl: 'Vervalt' },
  columnCase: { en: 'Case', es: 'Caso', fr: 'Affaire', nl: 'Zaak' },
  noDeadline: {
    en: 'no deadline running',
    es: 'ningún plazo en curso',
    fr: 'aucun délai en cours',
    nl: 'geen lopende termijn',
  },
  deadline: { en: 'Deadline', es: 'Plazo', fr: 'Délai', nl: 'Termijn' },
  headingOf: {
    en: 'Inbox of {agency}',
    es: 'Bandeja de entrada de {agency}',
    fr: 'Boîte de réception de {agency}',
    nl: 'Inbox van {agency}',
  },
  headingAll: {
    en: 'Inbox: waiting for an agency',
    es: 'Bandeja de entrada: en espera de un organismo',
    fr: 'Boîte de réception : en attente d’un organisme',
    nl: 'Inbox: wacht op een instantie',
  },
  scrollable: {
    en: 'Inbox, scrollable',
    es: 'Bandeja de entrada, desplazable',
    fr: 'Boîte de réception, défilable',
    nl: 'Inbox, scrollbaar',
  },
  waiting: {
    en: '{shown} waiting.',
    es: '{shown} en espera.',
    fr: '{shown} en attente.',
    nl: '{shown} in afwachting.',
  },
  waitingOverdue: {
    en: { one: '{shown} waiting, {overdue} overdue.', other: '{shown} waiting, {overdue} overdue.' },
    es: { one: '{shown} en espera, {overdue} vencido.', other: '{shown} en espera, {overdue} vencidos.' },
    fr: {
      one: '{shown} en attente, dont {overdue} en retard.',
      other: '{shown} en attente, dont {overdue} en retard.',
    },
    nl: {
      one: '{shown} in afwachting, waarvan {overdue} verlopen.',
      other: '{shown} in afwachting, waarvan {overdue} verlopen.',
    },
  },
  nothingWaiting: {
    en: 'Nothing is waiting.',
    es: 'No hay nada en espera.',
    fr: 'Rien n’est en attente.',
    nl: 'Er wacht niets.',
  },
  loadFailed: {
    en: 'Could not load the inbox: {error}',
    es: 'No se pudo cargar la bandeja de entrada: {error}',
    fr: 'Impossible de charger la boîte de réception : {error}',
    nl: 'De inbox kon niet worden geladen: {error}',
  },
});
