import { OFFER_EDITABLE_FIELDS, newId, type Offer, type OfferStatus } from '../domain';
import { mutationBase } from './mutation';
import { fail, type ServiceResult } from './result';
import { updateRecord } from './update-record';
import { writeLocal } from './write';

export interface OfferDraft {
  category: string;
  title: string;
  details?: string;
  neighborhood?: string;
  availability?: string;
}

/** Offer help in a group (status `available`). Offline: stored at once, pushed later. */
export async function createOffer(
  groupId: string,
  draft: OfferDraft,
): Promise<ServiceResult<Offer>> {
  return writeLocal<Offer>(groupId, async ({ user, group }, now) => {
    if (!group) return fail('not_found');
    const record = {
      id: newId(),
      type: 'offer' as const,
      groupId,
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      archived: false,
      category: draft.category,
      title: draft.title,
      details: draft.details ?? '',
      neighborhood: draft.neighborhood ?? '',
      availability: draft.availability ?? '',
      status: 'available' as const,
    };
    return { stored: undefined, mutation: { ...mutationBase(record, now), op: 'create', record } };
  });
}

/**
 * Edit an offer, only the changed fields (author or coordinator). Pausing and closing are
 * updates of `status`: see `setOfferStatus`. Offline: applied at once, pushed later.
 */
export function updateOffer(
  id: string,
  values: Partial<OfferDraft & { status: OfferStatus }>,
): Promise<ServiceResult<Offer>> {
  return updateRecord('offer', id, values, OFFER_EDITABLE_FIELDS);
}

/** Pause (`paused`), resume (`available`) or close (`closed`) an offer. */
export function setOfferStatus(id: string, status: OfferStatus): Promise<ServiceResult<Offer>> {
  return updateOffer(id, { status });
}
