import * as v from 'valibot';
import { DEFAULT_CATEGORIES } from './categories';
import { LIMITS } from './limits';
import { baseEntries } from './record-base';
import { categoryList, httpUrl, languageTag, list, requiredText, text } from './validation';

export const JOIN_POLICIES = ['code', 'approval'] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];

export const CLAIMING_MODES = ['anyone', 'coordinators_assign'] as const;
export type ClaimingMode = (typeof CLAIMING_MODES)[number];

/** How hand-offs happen by default; contactless first, as groups learned in 2020. */
export const EXCHANGE_MODES = ['contactless', 'either', 'in_person'] as const;
export type ExchangeMode = (typeof EXCHANGE_MODES)[number];

export const contactLinkSchema = v.strictObject({
  label: requiredText(LIMITS.contactLabel),
  url: httpUrl,
});

/** The settings a coordinator can change; everything a group is besides its identity. */
export const groupSettingsEntries = {
  name: requiredText(LIMITS.groupName),
  description: text(LIMITS.description),
  area: text(LIMITS.area),
  neighborhoods: list(requiredText(LIMITS.neighborhood), LIMITS.neighborhoods),
  languages: list(languageTag, LIMITS.languages),
  listed: v.boolean('invalid_type'),
  contactLinks: list(contactLinkSchema, LIMITS.contactLinks),
  safetyGuidelines: text(LIMITS.safetyGuidelines),
  categories: categoryList,
  joinPolicy: v.picklist(JOIN_POLICIES, 'invalid_choice'),
  requestsNeedApproval: v.boolean('invalid_type'),
  claiming: v.picklist(CLAIMING_MODES, 'invalid_choice'),
  exchangeMode: v.picklist(EXCHANGE_MODES, 'invalid_choice'),
};

export const groupSettingsSchema = v.strictObject(groupSettingsEntries);
export type GroupSettings = v.InferOutput<typeof groupSettingsSchema>;

export const groupSchema = v.strictObject({
  ...baseEntries,
  type: v.literal('group', 'invalid_choice'),
  ...groupSettingsEntries,
});
export type Group = v.InferOutput<typeof groupSchema>;

export const DEFAULT_SAFETY_GUIDELINES =
  'Contactless first: leave deliveries at the door, knock, step back two metres. ' +
  'Never take cash up front; keep receipts. Don’t enter homes unless asked and safe. ' +
  'Meet in pairs for first visits. Share addresses only with the person doing the errand.';

/** Good defaults for "start a group": every member can ask and help, contactless first. */
export function defaultGroupSettings(name: string): GroupSettings {
  return {
    name,
    description: '',
    area: '',
    neighborhoods: [],
    languages: ['en'],
    listed: false,
    contactLinks: [],
    safetyGuidelines: DEFAULT_SAFETY_GUIDELINES,
    categories: [...DEFAULT_CATEGORIES],
    joinPolicy: 'code',
    requestsNeedApproval: false,
    claiming: 'anyone',
    exchangeMode: 'contactless',
  };
}

/** What the public directory shows of a group: never members, requests or settings. */
export interface DirectoryCard {
  id: string;
  name: string;
  description: string;
  area: string;
  neighborhoods: string[];
  languages: string[];
  contactLinks: { label: string; url: string }[];
}

export function directoryCard(group: Group): DirectoryCard {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    area: group.area,
    neighborhoods: [...group.neighborhoods],
    languages: [...group.languages],
    contactLinks: group.contactLinks.map((l) => ({ label: l.label, url: l.url })),
  };
}
