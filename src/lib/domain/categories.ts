/** The categories every new group starts with; a group may add its own (slugs). */
export const DEFAULT_CATEGORIES = [
  'groceries',
  'pharmacy',
  'meals',
  'transport',
  'childcare',
  'pets',
  'companionship',
  'household',
  'money',
  'other',
] as const;

export type DefaultCategory = (typeof DEFAULT_CATEGORIES)[number];

export function isDefaultCategory(slug: string): slug is DefaultCategory {
  return (DEFAULT_CATEGORIES as readonly string[]).includes(slug);
}
