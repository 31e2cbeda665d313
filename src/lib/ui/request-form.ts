import type { Group, Recurrence, Request, Urgency } from '$lib/domain';
import type { RequestDraft } from '$lib/services';

/** The request form as typed: strings and booleans, turned into a draft on submit. */
export interface RequestFormValues {
  category: string;
  title: string;
  details: string;
  neighborhood: string;
  urgency: Urgency;
  neededBy: string;
  contactless: boolean;
  recurring: '' | Recurrence;
  onBehalf: boolean;
  onBehalfOf: string;
  address: string;
  phone: string;
  accessNotes: string;
}

/** A new request's starting values follow the group: its first category, its hand-off mode. */
export function emptyRequestForm(group: Group | null): RequestFormValues {
  const categories = group?.categories ?? [];
  return {
    category: categories.includes('groceries') ? 'groceries' : (categories[0] ?? 'other'),
    title: '',
    details: '',
    neighborhood: '',
    urgency: 'soon',
    neededBy: '',
    contactless: (group?.exchangeMode ?? 'contactless') !== 'in_person',
    recurring: '',
    onBehalf: false,
    onBehalfOf: '',
    address: '',
    phone: '',
    accessNotes: '',
  };
}

export function requestFormFrom(request: Request): RequestFormValues {
  return {
    category: request.category,
    title: request.title,
    details: request.details,
    neighborhood: request.neighborhood,
    urgency: request.urgency,
    neededBy: request.neededBy ?? '',
    contactless: request.contactless,
    recurring: request.recurring ?? '',
    onBehalf: request.onBehalfOf !== null,
    onBehalfOf: request.onBehalfOf ?? '',
    address: request.private?.address ?? '',
    phone: request.private?.phone ?? '',
    accessNotes: request.private?.accessNotes ?? '',
  };
}

/**
 * The draft the services take. `includeOnBehalf` is false when the user may not set it
 * (members; and on edit, requests that were not entered for a neighbour).
 */
export function draftFromForm(values: RequestFormValues, includeOnBehalf: boolean): RequestDraft {
  return {
    category: values.category,
    title: values.title,
    details: values.details,
    neighborhood: values.neighborhood.trim(),
    urgency: values.urgency,
    neededBy: values.neededBy || null,
    contactless: values.contactless,
    recurring: values.recurring || null,
    ...(includeOnBehalf ? { onBehalfOf: values.onBehalf ? values.onBehalfOf : null } : {}),
    private: { address: values.address, phone: values.phone, accessNotes: values.accessNotes },
  };
}

/** Whether `value` has the form's shape (a saved draft of this version of the form). */
export function isRequestFormValues(value: unknown): value is RequestFormValues {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const strings = ['category', 'title', 'details', 'neighborhood', 'urgency', 'neededBy'];
  const more = ['recurring', 'onBehalfOf', 'address', 'phone', 'accessNotes'];
  return (
    [...strings, ...more].every((key) => typeof v[key] === 'string') &&
    typeof v.contactless === 'boolean' &&
    typeof v.onBehalf === 'boolean'
  );
}
