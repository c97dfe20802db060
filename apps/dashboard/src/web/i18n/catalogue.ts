import type { Area, Message } from './define';
import common from './messages/common';
import list from './messages/list';
import inbox from './messages/inbox';
import incidents from './messages/incidents';
import cases from './messages/cases';
import process from './messages/process';
import action from './messages/action';
import documents from './messages/documents';
import diagram from './messages/diagram';
import board from './messages/board';
import statistics from './messages/statistics';
import start from './messages/start';
import signIn from './messages/signIn';
import format from './messages/format';
import directory from './messages/directory';

/** Every area of the page's catalogue. A new area file is listed here. */
export const AREAS = [
  common,
  list,
  inbox,
  incidents,
  cases,
  process,
  action,
  documents,
  diagram,
  board,
  statistics,
  start,
  signIn,
  format,
  directory,
] as const;

type KeysOf<T> = T extends Area<infer A, infer M> ? `${A}.${Extract<keyof M, string>}` : never;

/** Every message's key: `t()` takes no other, so a typo or a deleted message is a type error. */
export type MessageKey = KeysOf<(typeof AREAS)[number]>;

export const CATALOGUE: ReadonlyMap<string, Message> = new Map(
  AREAS.flatMap((area) =>
    Object.entries(area.messages as Record<string, Message>).map(([name, message]) => [
      `${area.area}.${name}`,
      message,
    ]),
  ),
);
