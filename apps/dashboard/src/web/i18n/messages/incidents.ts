import { defineArea } from '../define';

/** What needs attention: processes past a deadline, stalled ones, dead-lettered messages. */
export default defineArea('incidents', {
  heading: { en: 'Incidents', es: 'Incidencias', fr: 'Incidents', nl: 'Incidenten' },
  overdueHeading: {
    en: 'Past a deadline',
    es: 'Con plazo vencido',
    fr: 'Délai dépassé',
    nl: 'Termijn verlopen',
  },
  overdueTable: {
    en: 'Processes past a deadline',
    es: 'Procesos con plazo vencido',
    fr: 'Procédures en retard',
    nl: 'Procedures met verlopen termijn',
  },
  noOverdue: {
    en: 'No process is past a deadline.',
    es: 'Ningún proceso tiene un plazo vencido.',
    fr: 'Aucune procédure n’est en retard.',
    nl: 'Geen enkele procedure heeft een verlopen termijn.',
  },
  mostUrgentShown: {
    en: 'The {shown} most urgent are shown; the pipeline counts them all.',
    es: 'Se muestran los {shown} más urgentes; el flujo los cuenta todos.',
    fr: 'Les {shown} plus urgentes sont affichées ; le flux les compte toutes.',
    nl: 'De {shown} dringendste worden getoond; de pijplijn telt ze allemaal.',
  },
  overdueFailed: {
    en: 'Could not load the processes past a deadline: {error}',
    es: 'No se pudieron cargar los procesos con plazo vencido: {error}',
    fr: 'Impossible de charger les procédures en retard : {error}',
    nl: 'De procedures met verlopen termijn konden niet worden geladen: {error}',
  },
  stalledHeading: {
    en: 'Stalled: the workflow cannot run',
    es: 'Bloqueados: el flujo de trabajo no puede ejecutarse',
    fr: 'Bloquées : le workflow ne peut pas s’exécuter',
    nl: 'Vastgelopen: de workflow kan niet draaien',
  },
  stalledTable: {
    en: 'Stalled processes',
    es: 'Procesos bloqueados',
    fr: 'Procédures bloquées',
    nl: 'Vastgelopen procedures',
  },
  columnStarted: { en: 'Started', es: 'Iniciado', fr: 'Lancée', nl: 'Gestart' },
  columnTemporal: {
    en: 'What Temporal reports',
    es: 'Lo que indica Temporal',
    fr: 'Ce que signale Temporal',
    nl: 'Wat Temporal meldt',
  },
  noStalled: {
    en: 'No process is stalled.',
    es: 'Ningún proceso está bloqueado.',
    fr: 'Aucune procédure n’est bloquée.',
    nl: 'Geen enkele procedure is vastgelopen.',
  },
  stalledFailed: {
    en: 'Could not load the stalled processes (from Temporal): {error}',
    es: 'No se pudieron cargar los procesos bloqueados (de Temporal): {error}',
    fr: 'Impossible de charger les procédures bloquées (depuis Temporal) : {error}',
    nl: 'De vastgelopen procedures (uit Temporal) konden niet worden geladen: {error}',
  },
  deadHeading: {
    en: 'Dead-lettered messages',
    es: 'Mensajes rechazados',
    fr: 'Messages rejetés',
    nl: 'Geweigerde berichten',
  },
  deadHint: {
    en: 'Answers and events a consumer could not apply. Nothing was changed by them; the sender must send a corrected one.',
    es: 'Respuestas y eventos que un consumidor no pudo aplicar. No cambiaron nada; el remitente debe enviar uno corregido.',
    fr: 'Réponses et événements qu’un consommateur n’a pas pu appliquer. Ils n’ont rien modifié ; l’expéditeur doit en envoyer une version corrigée.',
    nl: 'Antwoorden en gebeurtenissen die een consument niet kon toepassen. Ze hebben niets gewijzigd; de afzender moet een gecorrigeerde versie sturen.',
  },
  columnWhen: { en: 'When', es: 'Cuándo', fr: 'Date', nl: 'Wanneer' },
  columnCheck: {
    en: 'Check failed',
    es: 'Comprobación fallida',
    fr: 'Contrôle échoué',
    nl: 'Mislukte controle',
  },
  columnWhy: { en: 'Why', es: 'Motivo', fr: 'Motif', nl: 'Reden' },
  columnFrom: { en: 'From', es: 'Origen', fr: 'Origine', nl: 'Van' },
  noDead: {
    en: 'No message has been dead-lettered.',
    es: 'No hay ningún mensaje rechazado.',
    fr: 'Aucun message rejeté.',
    nl: 'Er is geen geweigerd bericht.',
  },
  deadFailed: {
    en: 'Could not load the dead-lettered messages: {error}',
    es: 'No se pudieron cargar los mensajes rechazados: {error}',
    fr: 'Impossible de charger les messages rejetés : {error}',
    nl: 'De geweigerde berichten konden niet worden geladen: {error}',
  },
  deadShown: {
    en: { one: '{shown} dead-lettered message shown.', other: '{shown} dead-lettered messages shown.' },
    es: { one: '{shown} mensaje rechazado mostrado.', other: '{shown} mensajes rechazados mostrados.' },
    fr: { one: '{shown} message rejeté affiché.', other: '{shown} messages rejetés affichés.' },
    nl: { one: '{shown} geweigerd bericht getoond.', other: '{shown} geweigerde berichten getoond.' },
  },
  moreFailed: {
    en: 'Could not load more: {error}',
    es: 'No se pudieron cargar más: {error}',
    fr: 'Impossible d’en charger davantage : {error}',
    nl: 'Er kon niet meer worden geladen: {error}',
  },
  summaryOverdue: {
    en: '{shown} past a deadline',
    es: '{shown} con plazo vencido',
    fr: '{shown} en retard',
    nl: '{shown} met verlopen termijn',
  },
  summaryStalled: {
    en: { one: '{shown} stalled', other: '{shown} stalled' },
    es: { one: '{shown} bloqueado', other: '{shown} bloqueados' },
    fr: { one: '{shown} bloquée', other: '{shown} bloquées' },
    nl: { one: '{shown} vastgelopen', other: '{shown} vastgelopen' },
  },
  summaryStalledUnknown: {
    en: 'stalled processes unknown (Temporal does not answer)',
    es: 'procesos bloqueados desconocidos (Temporal no responde)',
    fr: 'procédures bloquées inconnues (Temporal ne répond pas)',
    nl: 'vastgelopen procedures onbekend (Temporal antwoordt niet)',
  },
  summaryDead: {
    en: { one: '{shown} dead-lettered this week', other: '{shown} dead-lettered this week' },
    es: {
      one: '{shown} mensaje rechazado esta semana',
      other: '{shown} mensajes rechazados esta semana',
    },
    fr: {
      one: '{shown} message rejeté cette semaine',
      other: '{shown} messages rejetés cette semaine',
    },
    nl: { one: '{shown} geweigerd bericht deze week', other: '{shown} geweigerde berichten deze week' },
  },
});
