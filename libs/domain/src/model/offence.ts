/**
 * The offence a process is about, coded so the statistics can break figures down by it (FATF
 * IO.2 asks for cooperation by offence; UNTOC and its Protocols name these). `other` keeps the
 * list closed without forcing a wrong code.
 */
export const Offences = [
  'migrant-smuggling',
  'trafficking-in-persons',
  'money-laundering',
  'document-fraud',
  'participation-in-organized-criminal-group',
  'corruption',
  'obstruction-of-justice',
  'other',
] as const;
export type Offence = (typeof Offences)[number];
