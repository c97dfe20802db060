import { defineArea } from '../define';

/** Durations and deadlines, in format.ts. */
export default defineArea('format', {
  days: { en: '{n} d', es: '{n} d', fr: '{n} j', nl: '{n} d' },
  hours: { en: '{n} h', es: '{n} h', fr: '{n} h', nl: '{n} u' },
  minutes: { en: '{n} min', es: '{n} min', fr: '{n} min', nl: '{n} min' },
  seconds: { en: '{n} s', es: '{n} s', fr: '{n} s', nl: '{n} s' },
  timeLeft: {
    en: '{duration} left',
    es: 'quedan {duration}',
    fr: 'reste {duration}',
    nl: 'nog {duration}',
  },
  overdueBy: {
    en: 'overdue by {duration}',
    es: 'vencido hace {duration}',
    fr: 'en retard de {duration}',
    nl: '{duration} over de termijn',
  },
});
