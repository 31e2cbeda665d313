/**
 * Field limits shared by the app's forms and the server's validation.
 * Generous enough for real use, small enough that one record stays well under a few KB.
 */
export const LIMITS = {
  title: 140,
  details: 4000,
  name: 80,
  groupName: 80,
  description: 2000,
  area: 120,
  neighborhood: 60,
  neighborhoods: 50,
  language: 35,
  languages: 20,
  skill: 60,
  skills: 30,
  category: 40,
  categories: 40,
  contactLinks: 10,
  contactLabel: 60,
  url: 300,
  safetyGuidelines: 4000,
  availability: 300,
  address: 300,
  phone: 40,
  email: 254,
  accessNotes: 1000,
  onBehalfOf: 80,
  closeNote: 500,
  checklistItems: 50,
  checklistText: 200,
  logText: 2000,
  /** The note of an offer to help ("I can go Tuesday after 5"): a line or two. */
  offerNote: 280,
  /** A single errand log can't sensibly exceed a day. */
  logMinutes: 24 * 60,
  /** In the group's currency, major units (e.g. dollars); cents allowed. */
  logAmount: 100_000,
  rev: 200,
  /** Years outside this window are typos or attacks, never real errands. */
  minYear: 2000,
  maxYear: 2200,
} as const;
