/**
 * How a catalogue is written: one area of the page (the list, the board, …) per file under
 * messages/, every message in every language side by side, so a missing translation is a type
 * error, not a blank on someone's screen. `{name}` marks a value put in at run time; a message that
 * depends on a count gives its plural forms (Intl.PluralRules categories, `other` required).
 */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'fr', name: 'Français' },
  { code: 'nl', name: 'Nederlands' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

/** A message's plural forms: `other` always, `one` (and others) where the language has them. */
export interface PluralText {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Text = string | PluralText;
export type Message = Readonly<Record<Language, Text>>;

export interface Area<A extends string, M extends Record<string, Message>> {
  readonly area: A;
  readonly messages: M;
}

/** An area's messages; their keys are `<area>.<name>`. */
export function defineArea<const A extends string, const M extends Record<string, Message>>(
  area: A,
  messages: M,
): Area<A, M> {
  return { area, messages };
}
