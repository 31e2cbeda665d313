import { m } from '$lib/paraglide/messages';

/** The form's label for a field where there is one; the field's name otherwise. */
const LABELS: Record<string, () => string> = {
  category: m.rform_category,
  title: m.rform_title,
  details: m.rform_details,
  neighborhood: m.rform_neighborhood,
  urgency: m.rform_urgency,
  neededBy: m.rform_needed_by,
  contactless: m.rform_contactless,
  recurring: m.rform_recurring,
  private: m.rform_private_legend,
  onBehalfOf: m.rform_on_behalf_name,
};

export function fieldLabel(field: string): string {
  return LABELS[field]?.() ?? field;
}
