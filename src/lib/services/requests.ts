import {
  REQUEST_EDITABLE_FIELDS,
  newId,
  type CloseReason,
  type Recurrence,
  type Request,
  type RequestAction,
  type RequestPrivate,
  type RequestStatus,
  type Urgency,
} from '../domain';
import { mutationBase } from './mutation';
import { fail, type ServiceResult } from './result';
import { diffFields, readRecord, writeLocal } from './write';

/** What the request form holds. Empty strings are fine: they are normalised here. */
export interface RequestDraft {
  category: string;
  title: string;
  details?: string;
  neighborhood?: string;
  urgency: Urgency;
  /** `YYYY-MM-DD`; '' or null for "no date". */
  neededBy?: string | null;
  contactless?: boolean;
  recurring?: Recurrence | null;
  /** A neighbour's name: a coordinator enters the request for them (no requester account). */
  onBehalfOf?: string | null;
  /** Only the helper and coordinators see this. Empty fields are dropped. */
  private?: RequestPrivate | null;
}

/** Drop empty strings; no fields left means no private part at all. */
export function normalizePrivate(p: RequestPrivate | null | undefined): RequestPrivate | undefined {
  if (!p) return undefined;
  const out: RequestPrivate = {};
  if (p.address?.trim()) out.address = p.address;
  if (p.phone?.trim()) out.phone = p.phone;
  if (p.accessNotes?.trim()) out.accessNotes = p.accessNotes;
  return Object.keys(out).length ? out : undefined;
}

function normalizeDraft(draft: Partial<RequestDraft>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...draft };
  if ('neededBy' in draft) out.neededBy = draft.neededBy ? draft.neededBy : null;
  if ('onBehalfOf' in draft) out.onBehalfOf = draft.onBehalfOf?.trim() ? draft.onBehalfOf : null;
  if ('private' in draft) out.private = normalizePrivate(draft.private);
  return out;
}

/**
 * Create a request in `groupId` as the signed-in member, or (coordinators) on behalf of a
 * neighbour named in `onBehalfOf`, with an optional private part. Offline: stored at once
 * with its outbox entry; the group's approval setting decides `new` or `open` locally, and
 * the server confirms on push.
 */
export async function createRequest(
  groupId: string,
  draft: RequestDraft,
): Promise<ServiceResult<Request>> {
  return writeLocal<Request>(groupId, async ({ user, group }, now) => {
    if (!group) return fail('not_found');
    const d = normalizeDraft(draft) as Partial<RequestDraft>;
    const onBehalfOf = (d.onBehalfOf as string | null | undefined) ?? null;
    const record: Record<string, unknown> = {
      id: newId(),
      type: 'request',
      groupId,
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      archived: false,
      category: d.category,
      title: d.title,
      details: d.details ?? '',
      neighborhood: d.neighborhood ?? '',
      urgency: d.urgency,
      neededBy: d.neededBy ?? null,
      // Unless the form says otherwise, follow the group's exchange mode (contactless first).
      contactless: d.contactless ?? group.exchangeMode !== 'in_person',
      recurring: d.recurring ?? null,
      status: 'open',
      closeReason: null,
      closeNote: '',
      requesterId: onBehalfOf === null ? user.id : null,
      onBehalfOf,
      assigneeId: null,
    };
    if (d.private) record.private = d.private;
    const base = mutationBase({ type: 'request', id: record.id as string, groupId }, now);
    return { stored: undefined, mutation: { ...base, op: 'create', record } };
  });
}

/**
 * Save the edit form: compares `values` with the stored request and sends only the fields
 * that changed, each with the value it had (`from`) for the server's field merge. Nothing
 * changed: returns the stored request and queues nothing. Offline: applied locally at once.
 */
export async function updateRequest(
  id: string,
  values: Partial<RequestDraft>,
): Promise<ServiceResult<Request>> {
  const existing = await readRecord('request', id);
  if (!existing) return fail('not_found');
  return writeLocal<Request>(existing.groupId, async (_ctx, now) => {
    const stored = await readRecord('request', id);
    if (!stored) return fail('not_found');
    const { set, from } = diffFields(stored, normalizeDraft(values), REQUEST_EDITABLE_FIELDS);
    if (Object.keys(set).length === 0) return { unchanged: stored };
    const base = mutationBase(stored, now);
    return { stored, mutation: { ...base, op: 'update', set, from } };
  });
}

export interface TransitionOptions {
  /** For `assign` (required) or a coordinator's claim for someone else. */
  assigneeId?: string;
  /** Required for `cancel`. */
  closeReason?: CloseReason;
  closeNote?: string;
}

/** The status each action leads to (what the `transition` mutation carries as `to`). */
export const REQUEST_ACTION_TARGET: Record<RequestAction, RequestStatus> = {
  approve: 'open',
  claim: 'claimed',
  assign: 'claimed',
  release: 'open',
  start: 'in_progress',
  complete: 'done',
  cancel: 'cancelled',
  reopen: 'open',
};

/**
 * Claim, release, start, complete, cancel (with a reason), reopen, approve or assign, as the
 * domain's `applyRequestTransition` allows for my role, the group's settings and the status.
 * Writes the request, its `status` log entry (id = the mutation's `logId`) and the outbox
 * entry in one transaction. Offline: the request shows the new state as *pending* until the
 * server confirms; a claim someone else won first comes back as a notice from the sync engine.
 */
export async function transitionRequest(
  id: string,
  action: RequestAction,
  options: TransitionOptions = {},
): Promise<ServiceResult<Request>> {
  const existing = await readRecord('request', id);
  if (!existing) return fail('not_found');
  return writeLocal<Request>(existing.groupId, async (_ctx, now) => {
    const stored = await readRecord('request', id);
    if (!stored) return fail('not_found');
    const base = mutationBase(stored, now);
    return {
      stored,
      mutation: {
        ...base,
        op: 'transition',
        from: stored.status,
        to: REQUEST_ACTION_TARGET[action],
        ...(options.assigneeId !== undefined ? { assigneeId: options.assigneeId } : {}),
        ...(action === 'cancel' ? { closeReason: options.closeReason ?? null } : {}),
        ...(options.closeNote ? { closeNote: options.closeNote } : {}),
        logId: newId(),
      },
    };
  });
}
