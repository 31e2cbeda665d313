import type { HelpOfferKind, Log, LogKind } from '../domain';
import { appendEntry } from './append-entry';
import type { ServiceResult } from './result';

/**
 * What "log errand" adds: a person never writes a `status` entry (transitions do), and an
 * offer to help goes through `offerHelp` (services/offer-help.ts).
 */
export interface LogDraft {
  kind: Exclude<LogKind, 'status' | HelpOfferKind>;
  text?: string;
  /** For `time`: whole minutes > 0. */
  minutes?: number | null;
  /** For `expense`: amount > 0 with at most two decimals. */
  amount?: number | null;
  /** When it happened (ISO); defaults to now. */
  at?: string;
}

/**
 * Append a note, time, expense or delivered entry to a request or task (found by id in
 * either table), validated by the domain's `prepareAppend`: requester, assignee or
 * coordinator only. Offline: stored at once with its outbox entry; one tap, no network.
 */
export async function appendLog(parentId: string, draft: LogDraft): Promise<ServiceResult<Log>> {
  return appendEntry(parentId, {
    kind: draft.kind,
    text: draft.text ?? '',
    minutes: draft.minutes ?? null,
    amount: draft.amount ?? null,
    at: draft.at,
  });
}
