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

export function settingsFromForm(values: GroupSettingsFormValues): GroupSettings {
  const categories = [
    ...DEFAULT_CATEGORIES.filter((c) => values.categories.includes(c)),
    ...commaList(values.extraCategories).map((c) => c.toLowerCase()),
  ];
  return {
    name: values.name,
    description: values.description,
    area: values.area,
    neighborhoods: lines(values.neighborhoods),
    languages: commaList(values.languages),
    listed: values.listed,
    contactLinks: lines(values.contactLinks).map(contactLink),
    safetyGuidelines: values.safetyGuidelines,
    categories: [...new Set(categories)],
    joinPolicy: values.joinPolicy,
    requestsNeedApproval: values.requestsNeedApproval,
    claiming: values.claiming,
    exchangeMode: values.exchangeMode,
  };
}
