/**
 * The categories every new group starts with, as ids the app translates. A group may add its
 * own, as labels shown as written (see `category` in validation.ts).
 */
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

/** Whether a category is one of ours (translated) rather than a group's own label. */
export function isDefaultCategory(name: string): name is DefaultCategory {
  return (DEFAULT_CATEGORIES as readonly string[]).includes(name);
}
