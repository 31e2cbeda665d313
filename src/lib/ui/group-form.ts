import { DEFAULT_CATEGORIES, type GroupSettings } from '$lib/domain';

/**
 * The group settings as a form holds them: lists as text, typed the way people type
 * (one per line, or comma separated). Converting back never drops what was typed.
 */
export interface GroupSettingsFormValues {
  name: string;
  description: string;
  area: string;
  neighborhoods: string;
  languages: string;
  listed: boolean;
  contactLinks: string;
  safetyGuidelines: string;
  categories: string[];
  extraCategories: string;
  joinPolicy: GroupSettings['joinPolicy'];
  requestsNeedApproval: boolean;
  claiming: GroupSettings['claiming'];
  exchangeMode: GroupSettings['exchangeMode'];
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
const commaList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function formFromSettings(settings: GroupSettings): GroupSettingsFormValues {
  const known = settings.categories.filter((c) =>
    (DEFAULT_CATEGORIES as readonly string[]).includes(c),
  );
  const extra = settings.categories.filter(
    (c) => !(DEFAULT_CATEGORIES as readonly string[]).includes(c),
  );
  return {
    name: settings.name,
    description: settings.description,
    area: settings.area,
    neighborhoods: settings.neighborhoods.join('\n'),
    languages: settings.languages.join(', '),
    listed: settings.listed,
    contactLinks: settings.contactLinks.map((l) => `${l.label} ${l.url}`).join('\n'),
    safetyGuidelines: settings.safetyGuidelines,
    categories: known,
    extraCategories: extra.join(', '),
    joinPolicy: settings.joinPolicy,
    requestsNeedApproval: settings.requestsNeedApproval,
    claiming: settings.claiming,
    exchangeMode: settings.exchangeMode,
  };
}

/** "Phone line https://x.org/call" → { label: 'Phone line', url: 'https://x.org/call' }. */
function contactLink(line: string): { label: string; url: string } {
  const at = line.lastIndexOf(' ');
  if (at < 0) return { label: line, url: line };
  return { label: line.slice(0, at).trim(), url: line.slice(at + 1).trim() };
}

/**
 * A group's own category as typed ("Baby  supplies ", "pañales"): spaces and hyphens
 * tidied, letters kept as written (the domain takes labels in any script; it shows them
 * as written). What is still not a valid label is left for the domain to name.
 */
export function categoryFromLabel(label: string): string {
  return label
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .replace(/-{2,}/g, '-');
}

const categoryKey = (name: string) => name.normalize('NFC').toLocaleLowerCase();

export function settingsFromForm(values: GroupSettingsFormValues): GroupSettings {
  // One of each, in any case: "Pets" typed as an extra is our `pets`, and "Pañales" twice is
  // one category (the domain refuses duplicates).
  const seen = new Set<string>();
  const categories: string[] = [];
  const add = (name: string) => {
    const key = categoryKey(name);
    if (!name || seen.has(key)) return;
    seen.add(key);
    categories.push(name);
  };
  DEFAULT_CATEGORIES.filter((c) => values.categories.includes(c)).forEach(add);
  for (const typed of commaList(values.extraCategories)) {
    const name = categoryFromLabel(typed);
    const builtIn = DEFAULT_CATEGORIES.find((c) => c === categoryKey(name));
    add(builtIn ?? name);
  }
  return {
    name: values.name,
    description: values.description,
    area: values.area,
    neighborhoods: lines(values.neighborhoods),
    languages: commaList(values.languages),
    listed: values.listed,
    contactLinks: lines(values.contactLinks).map(contactLink),
    safetyGuidelines: values.safetyGuidelines,
    categories,
    joinPolicy: values.joinPolicy,
    requestsNeedApproval: values.requestsNeedApproval,
    claiming: values.claiming,
    exchangeMode: values.exchangeMode,
  };
}
