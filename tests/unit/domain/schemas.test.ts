import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  RECORD_TYPES,
  parseRecord,
  type AnyRecord,
  type FieldError,
  type RecordType,
} from '../../../src/lib/domain';
import {
  FACTORIES,
  makeGroup,
  makeLog,
  makeMembership,
  makeOnBehalfRequest,
  makeRequest,
  makeTask,
} from '../../fixtures/records';

/** Parse `record` with `patch` applied at a dot path (`private.phone`, `checklist.0.text`). */
function parseWith(type: RecordType, path: string, value: unknown, base?: AnyRecord) {
  const record = structuredClone(base ?? FACTORIES[type]()) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let target: Record<string, unknown> = record;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return parseRecord(type, record);
}

function errorsOf(result: ReturnType<typeof parseRecord>): FieldError[] {
  return result.ok ? [] : result.errors;
}

/** [type, dot path, max length, required (blank is refused)] */
const TEXT_LIMITS: [RecordType, string, number, boolean][] = [
  ['group', 'name', LIMITS.groupName, true],
  ['group', 'description', LIMITS.description, false],
  ['group', 'area', LIMITS.area, false],
  ['group', 'safetyGuidelines', LIMITS.safetyGuidelines, false],
  ['group', 'neighborhoods.0', LIMITS.neighborhood, true],
  ['group', 'contactLinks.0.label', LIMITS.contactLabel, true],
  ['membership', 'displayName', LIMITS.name, true],
  ['membership', 'neighborhoods.0', LIMITS.neighborhood, true],
  ['membership', 'skills.0', LIMITS.skill, true],
  ['membership', 'private.phone', LIMITS.phone, false],
  ['membership', 'private.email', LIMITS.email, false],
  ['request', 'title', LIMITS.title, true],
  ['request', 'details', LIMITS.details, false],
  ['request', 'neighborhood', LIMITS.neighborhood, false],
  ['request', 'closeNote', LIMITS.closeNote, false],
  ['request', 'private.address', LIMITS.address, false],
  ['request', 'private.phone', LIMITS.phone, false],
  ['request', 'private.accessNotes', LIMITS.accessNotes, false],
  ['request', 'rev', LIMITS.rev, false],
  ['offer', 'title', LIMITS.title, true],
  ['offer', 'details', LIMITS.details, false],
  ['offer', 'neighborhood', LIMITS.neighborhood, false],
  ['offer', 'availability', LIMITS.availability, false],
  ['task', 'title', LIMITS.title, true],
  ['task', 'details', LIMITS.details, false],
  ['task', 'checklist.0.text', LIMITS.checklistText, true],
  ['log', 'text', LIMITS.logText, false],
];

describe('text fields', () => {
  const withGroupExtras = (type: RecordType) =>
    type === 'group'
      ? makeGroup({
          neighborhoods: ['Crown Heights'],
          contactLinks: [{ label: 'Chat', url: 'https://example.org/chat' }],
        })
      : undefined;

  it.each(TEXT_LIMITS)('a %s accepts %s of exactly %i characters', (type, path, max) => {
    expect(errorsOf(parseWith(type, path, 'x'.repeat(max), withGroupExtras(type)))).toEqual([]);
  });

  it.each(TEXT_LIMITS)('a %s refuses %s longer than %i characters', (type, path, max) => {
    expect(errorsOf(parseWith(type, path, 'x'.repeat(max + 1), withGroupExtras(type)))).toEqual([
      { path, code: 'too_long', limit: max },
    ]);
  });

  it.each(TEXT_LIMITS)('a %s refuses a number as %s', (type, path) => {
    expect(errorsOf(parseWith(type, path, 42, withGroupExtras(type)))).toEqual([
      { path, code: 'invalid_type' },
    ]);
  });

  it.each(TEXT_LIMITS.filter(([, , , required]) => required))(
    'a %s refuses a blank %s',
    (type, path) => {
      for (const blank of ['', '   ', '\n\t']) {
        expect(errorsOf(parseWith(type, path, blank, withGroupExtras(type)))).toEqual([
          { path, code: 'required' },
        ]);
      }
    },
  );

  it.each(TEXT_LIMITS.filter(([, , , required]) => !required))(
    'a %s accepts an empty %s',
    (type, path) => {
      // Only a note needs text; a "delivered" entry may say nothing more.
      const base = type === 'log' ? makeLog({ kind: 'delivered' }) : withGroupExtras(type);
      expect(errorsOf(parseWith(type, path, '', base))).toEqual([]);
    },
  );

  it('counts a request title in characters, so 140 accented letters fit', () => {
    expect(parseWith('request', 'title', 'é'.repeat(140)).ok).toBe(true);
  });

  it('refuses the name of a neighbour longer than its limit', () => {
    const result = parseWith('request', 'onBehalfOf', 'x'.repeat(81), makeOnBehalfRequest());
    expect(errorsOf(result)).toEqual([
      { path: 'onBehalfOf', code: 'too_long', limit: LIMITS.onBehalfOf },
    ]);
  });
});

/** [type, path, item (or the item at an index, where items must differ), max items] */
const LIST_LIMITS: [RecordType, string, unknown, number][] = [
  ['group', 'neighborhoods', 'Flatbush', LIMITS.neighborhoods],
  ['group', 'languages', 'en', LIMITS.languages],
  ['group', 'categories', (i: number) => `category ${i}`, LIMITS.categories],
  ['group', 'contactLinks', { label: 'Chat', url: 'https://example.org' }, LIMITS.contactLinks],
  ['membership', 'neighborhoods', 'Flatbush', LIMITS.neighborhoods],
  ['membership', 'languages', 'en', LIMITS.languages],
  ['membership', 'skills', 'driving', LIMITS.skills],
  ['task', 'checklist', { text: 'Step', done: false }, LIMITS.checklistItems],
];

const items = (item: unknown, n: number) =>
  Array.from({ length: n }, (_, i) => (typeof item === 'function' ? item(i) : item));

describe('lists', () => {
  it.each(LIST_LIMITS)(
    'a %s accepts %s with %#: the most items allowed',
    (type, path, item, max) => {
      expect(errorsOf(parseWith(type, path, items(item, max)))).toEqual([]);
    },
  );

  it.each(LIST_LIMITS)('a %s refuses %s with one item too many', (type, path, item, max) => {
    expect(errorsOf(parseWith(type, path, items(item, max + 1)))).toEqual([
      { path, code: 'too_many', limit: max },
    ]);
  });

  it.each(LIST_LIMITS)('a %s refuses %s that is not a list', (type, path, item) => {
    expect(errorsOf(parseWith(type, path, item))).toEqual([{ path, code: 'invalid_type' }]);
  });

  it('refuses a group with no categories at all', () => {
    expect(errorsOf(parseWith('group', 'categories', []))).toEqual([
      { path: 'categories', code: 'required', limit: 1 },
    ]);
  });
});

/** [type, field, a value outside the choices] */
const CHOICES: [RecordType, string, unknown][] = [
  ['group', 'joinPolicy', 'open'],
  ['group', 'claiming', 'nobody'],
  ['group', 'exchangeMode', 'mail'],
  ['membership', 'role', 'admin'],
  ['membership', 'status', 'banned'],
  ['request', 'urgency', 'yesterday'],
  ['request', 'status', 'archived'],
  ['request', 'closeReason', 'bored'],
  ['request', 'recurring', 'daily'],
  ['offer', 'status', 'deleted'],
  ['task', 'status', 'in_progress'],
  ['log', 'kind', 'edit'],
];

describe('choices', () => {
  it.each(CHOICES)('a %s refuses %s %j', (type, field, value) => {
    expect(errorsOf(parseWith(type, field, value))).toEqual([
      { path: field, code: 'invalid_choice' },
    ]);
  });

  it.each(RECORD_TYPES)('a %s refuses to be read as another type', (type) => {
    const other = RECORD_TYPES.find((t) => t !== type)!;
    expect(errorsOf(parseWith(type, 'type', other))).toEqual([
      { path: 'type', code: 'invalid_choice' },
    ]);
  });

  it.each([
    ['blank', ' ', 'required'],
    ['empty', '', 'required'],
    ['starting with a space', ' pañales', 'invalid_format'],
    ['ending with a space', 'pañales ', 'invalid_format'],
    ['with two spaces in a row', 'baby  supplies', 'invalid_format'],
    ['starting with a hyphen', '-food', 'invalid_format'],
    ['ending with a hyphen', 'food-', 'invalid_format'],
    ['with punctuation', 'food!', 'invalid_format'],
    ['with a slash', 'food/drink', 'invalid_format'],
    ['with markup', '<b>food</b>', 'invalid_format'],
    ['with a line break', 'baby\nsupplies', 'invalid_format'],
    ['with an emoji', 'food 🍞', 'invalid_format'],
  ])('a request refuses a category that is %s', (_what, value, code) => {
    expect(errorsOf(parseWith('request', 'category', value))).toEqual([{ path: 'category', code }]);
  });

  it('a request refuses a category longer than 40 characters', () => {
    expect(errorsOf(parseWith('request', 'category', 'a'.repeat(41)))).toEqual([
      { path: 'category', code: 'too_long', limit: LIMITS.category },
    ]);
  });

  it.each([
    'groceries',
    'pañales',
    'baby supplies',
    'Baby supplies',
    'Niños 0-5',
    'ropa de invierno',
    'café-con-leche',
    'продукты',
    '食品',
    'diapers_and-formula2',
    'a'.repeat(40),
  ])('a request and an offer accept the category %j', (value) => {
    expect(parseWith('request', 'category', value).ok).toBe(true);
    expect(parseWith('offer', 'category', value).ok).toBe(true);
  });

  it('a request accepts a category whose accent is a combining mark', () => {
    expect(parseWith('request', 'category', 'pan\u0303ales').ok).toBe(true);
  });

  it('a group keeps the built-in ids next to its own labels', () => {
    const categories = ['groceries', 'pharmacy', 'pañales', 'Baby supplies'];
    expect(parseRecord('group', makeGroup({ categories })).ok).toBe(true);
  });

  it.each([
    ['the same label twice', ['pañales', 'pañales']],
    ['a label in another case', ['Baby supplies', 'baby SUPPLIES']],
    ['a built-in id in capitals', ['groceries', 'Groceries']],
    ['the same accent composed and decomposed', ['pañales', 'pan\u0303ales']],
  ])('a group refuses %s among its categories', (_what, categories) => {
    expect(errorsOf(parseRecord('group', makeGroup({ categories })))).toEqual([
      { path: 'categories', code: 'duplicate' },
    ]);
  });

  it('a group refuses a list without any category', () => {
    expect(errorsOf(parseRecord('group', makeGroup({ categories: [] })))).toEqual([
      { path: 'categories', code: 'required', limit: 1 },
    ]);
  });

  it.each(['english', 'e', 'en_US', 'en-', 'x'.repeat(36)])(
    'a membership refuses the language tag %j',
    (tag) => {
      expect(errorsOf(parseWith('membership', 'languages', [tag]))[0]?.path).toBe('languages.0');
    },
  );

  it.each(['en', 'es-419', 'zh-Hant-TW', 'yue'])(
    'a membership accepts the language tag %s',
    (tag) => {
      expect(parseWith('membership', 'languages', [tag]).ok).toBe(true);
    },
  );

  it.each(['javascript:alert(1)', 'ftp://example.org', 'example.org', 'data:text/html,hi'])(
    'a group refuses the contact link %j',
    (url) => {
      expect(errorsOf(parseWith('group', 'contactLinks', [{ label: 'Chat', url }]))).toEqual([
        { path: 'contactLinks.0.url', code: 'invalid_format' },
      ]);
    },
  );

  it.each(['https://chat.example.org/g/1', 'http://example.org', 'mailto:help@example.org'])(
    'a group accepts the contact link %s',
    (url) => {
      expect(parseWith('group', 'contactLinks', [{ label: 'Chat', url }]).ok).toBe(true);
    },
  );

  it.each([
    ['yes', 'contactless'],
    [1, 'contactless'],
    ['false', 'archived'],
    [null, 'archived'],
  ])('a request refuses %j as the flag %s', (value, field) => {
    expect(errorsOf(parseWith('request', field, value))).toEqual([
      { path: field, code: 'invalid_type' },
    ]);
  });
});

/** Fields a record may leave out; all others are required. */
const OPTIONAL = new Set(['rev', 'private', 'transition']);

describe('missing fields', () => {
  const cases = RECORD_TYPES.flatMap((type) =>
    Object.keys(FACTORIES[type]())
      .filter((field) => !OPTIONAL.has(field))
      .map((field) => [type, field] as const),
  );

  it.each(cases)('a %s without %s is refused, naming the field', (type, field) => {
    const record: Record<string, unknown> = { ...FACTORIES[type]() };
    delete record[field];
    expect(errorsOf(parseRecord(type, record)).map((e) => e.path)).toEqual([field]);
  });

  // A missing field is not an unknown one: the form must say "required".
  it.each(RECORD_TYPES)('a %s without a required field reports it as required', (type) => {
    for (const field of Object.keys(FACTORIES[type]()).filter((f) => !OPTIONAL.has(f))) {
      const record: Record<string, unknown> = { ...FACTORIES[type]() };
      delete record[field];
      expect(errorsOf(parseRecord(type, record)), field).toEqual([
        { path: field, code: 'required' },
      ]);
    }
  });

  it.each(RECORD_TYPES)('a %s may leave out its revision before its first sync', (type) => {
    const record: Record<string, unknown> = { ...FACTORIES[type]() };
    delete record.rev;
    expect(parseRecord(type, record).ok).toBe(true);
  });

  it('a request may leave out its private part', () => {
    const { private: _p, ...request } = makeRequest();
    expect(parseRecord('request', request).ok).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a list', []],
    ['a string', 'request'],
    ['a number', 7],
  ])('refuses %s as a record, as the wrong type', (_what, value) => {
    expect(errorsOf(parseRecord('request', value))).toEqual([{ path: '', code: 'invalid_type' }]);
  });

  it('refuses a request with neither a requester nor a neighbour it is for', () => {
    expect(errorsOf(parseWith('request', 'requesterId', null))).toEqual([
      { path: '', code: 'requester_or_on_behalf_of' },
    ]);
  });

  it('refuses a request with both a requester and a neighbour it is for', () => {
    expect(errorsOf(parseWith('request', 'onBehalfOf', 'Mrs. K'))).toEqual([
      { path: '', code: 'requester_or_on_behalf_of' },
    ]);
  });
});

describe('unknown fields', () => {
  it.each(RECORD_TYPES)('a %s with a field DESIGN.md does not have is refused', (type) => {
    expect(errorsOf(parseRecord(type, { ...FACTORIES[type](), isAdmin: true }))).toEqual([
      { path: 'isAdmin', code: 'unknown_field' },
    ]);
  });

  it.each([
    ['request', 'private.ssn', makeRequest()],
    ['membership', 'private.address', makeMembership()],
    ['task', 'checklist.0.assignee', makeTask()],
    [
      'group',
      'contactLinks.0.icon',
      makeGroup({ contactLinks: [{ label: 'A', url: 'https://a.org' }] }),
    ],
    [
      'log',
      'transition.by',
      makeLog({ kind: 'status', transition: { from: 'open', to: 'claimed', action: 'claim' } }),
    ],
  ] as const)('a %s with an unknown nested field %s is refused', (type, path, base) => {
    expect(errorsOf(parseWith(type, path, 'x', base))).toEqual([{ path, code: 'unknown_field' }]);
  });
});

describe('prototype keys', () => {
  const KEYS = ['__proto__', 'constructor', 'prototype'];
  const PLACES: [RecordType, (key: string) => string][] = [
    ['request', (key) => `{"${key}": {"isAdmin": true}}`],
    ['request', (key) => `{"private": {"${key}": {"polluted": 1}}}`],
    ['task', (key) => `{"checklist": [{"text": "a", "done": false, "${key}": {}}]}`],
    ['group', (key) => `{"contactLinks": [{"label": "a", "url": "https://a.org", "${key}": {}}]}`],
    ['membership', (key) => `{"private": {"phone": "1", "${key}": {"toString": 1}}}`],
  ];
  const cases = KEYS.flatMap((key) =>
    PLACES.map(([type, json]) => [key, type, json(key)] as const),
  );

  it.each(cases)('refuses %s in a %s parsed from JSON: %s', (_key, type, json) => {
    const patch = JSON.parse(json) as Record<string, unknown>;
    const result = parseRecord(type, { ...FACTORIES[type](), ...patch });
    expect(errorsOf(result)).toEqual([{ path: '', code: 'unknown_field' }]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses a record nested deeper than any real one could be', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(parseWith('task', 'checklist', deep).ok).toBe(false);
  });
});

describe('absurd values', () => {
  it.each([
    ['negative minutes', -1, 'out_of_range', 0],
    ['more minutes than a day has', LIMITS.logMinutes + 1, 'out_of_range', LIMITS.logMinutes],
    ['fractional minutes', 1.5, 'invalid_format'],
    ['NaN minutes', Number.NaN, 'invalid_type'],
    ['infinite minutes', Number.POSITIVE_INFINITY, 'invalid_format'],
    ['minutes as text', '30', 'invalid_type'],
  ])('a log refuses %s', (_what, minutes, code, limit?: number) => {
    const expected =
      limit === undefined ? { path: 'minutes', code } : { path: 'minutes', code, limit };
    expect(errorsOf(parseWith('log', 'minutes', minutes))).toEqual([expected]);
  });

  it.each([0, 1, LIMITS.logMinutes])('a log accepts %i minutes', (minutes) => {
    expect(parseWith('log', 'minutes', minutes).ok).toBe(true);
  });

  it.each([
    ['a negative amount', -0.01, 'out_of_range', 0],
    ['an amount over the limit', LIMITS.logAmount + 0.01, 'out_of_range', LIMITS.logAmount],
    ['a NaN amount', Number.NaN, 'invalid_type'],
    ['an infinite amount', Number.POSITIVE_INFINITY, 'invalid_format'],
    ['a negatively infinite amount', Number.NEGATIVE_INFINITY, 'invalid_format'],
    ['fractions of a cent', 0.001, 'invalid_format'],
    ['half a cent', 4.355, 'invalid_format'],
    ['an amount as text', '12.50', 'invalid_type'],
  ])('a log refuses %s', (_what, amount, code, limit?: number) => {
    const expected =
      limit === undefined ? { path: 'amount', code } : { path: 'amount', code, limit };
    expect(errorsOf(parseWith('log', 'amount', amount))).toEqual([expected]);
  });

  it.each([0, 12.34, 0.1, 4.35, 19.99, 1.15, 0.29, 1234.56, LIMITS.logAmount])(
    'a log accepts the amount %d',
    (amount) => {
      expect(parseWith('log', 'amount', amount).ok).toBe(true);
    },
  );

  it('a log accepts every whole number of cents up to the limit, and keeps it as those cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LIMITS.logAmount * 100 }), (cents) => {
        const result = parseWith('log', 'amount', cents / 100);
        expect(result.ok).toBe(true);
        if (result.ok && result.value.type === 'log') expect(result.value.amount).toBe(cents / 100);
      }),
      { numRuns: 2000 },
    );
  });

  it('a log stores an amount a float sum left a hair off whole cents as those cents', () => {
    const result = parseWith('log', 'amount', 0.1 + 0.2);
    expect(result.ok && result.value.type === 'log' && result.value.amount).toBe(0.3);
  });

  const CLAIM = { from: 'open', to: 'claimed', action: 'claim' } as const;

  it.each(['note', 'time', 'expense', 'delivered'] as const)(
    'a %s log may not carry a transition: only status entries record one',
    (kind) => {
      const log = makeLog({ kind, minutes: 5, amount: 1, transition: CLAIM });
      expect(errorsOf(parseRecord('log', log))).toEqual([
        { path: 'transition', code: 'unknown_field' },
      ]);
    },
  );

  it('a status log needs its transition', () => {
    expect(errorsOf(parseRecord('log', makeLog({ kind: 'status' })))).toEqual([
      { path: 'transition', code: 'required' },
    ]);
    expect(parseRecord('log', makeLog({ kind: 'status', transition: CLAIM })).ok).toBe(true);
  });

  it.each([
    ['from', 'archived'],
    ['to', 'Done!'],
    ['action', 'replay'],
    ['action', 'delete'],
  ] as const)('a status log refuses %s %j, which is no real status or action', (field, value) => {
    const log = makeLog({ kind: 'status', transition: { ...CLAIM, [field]: value } });
    expect(errorsOf(parseRecord('log', log))).toEqual([
      { path: `transition.${field}`, code: 'invalid_choice' },
    ]);
  });

  it('a status log takes every status and action of a task too', () => {
    const log = makeLog({
      kind: 'status',
      transition: { from: 'cancelled', to: 'open', action: 'reopen' },
    });
    expect(parseRecord('log', log).ok).toBe(true);
  });

  it('a time log needs its minutes', () => {
    expect(errorsOf(parseRecord('log', makeLog({ kind: 'time', minutes: 0 })))).toEqual([
      { path: '', code: 'minutes_required' },
    ]);
    expect(parseRecord('log', makeLog({ kind: 'time', minutes: 45 })).ok).toBe(true);
  });

  it('an expense log needs its amount', () => {
    expect(errorsOf(parseRecord('log', makeLog({ kind: 'expense', amount: null })))).toEqual([
      { path: '', code: 'amount_required' },
    ]);
    expect(parseRecord('log', makeLog({ kind: 'expense', amount: 23.5 })).ok).toBe(true);
  });

  it('a note needs some text', () => {
    expect(errorsOf(parseRecord('log', makeLog({ kind: 'note', text: '  ' })))).toEqual([
      { path: '', code: 'text_required' },
    ]);
  });

  const TIMESTAMPS: [string, unknown, string][] = [
    ['the year 30000', '30000-01-01T00:00:00.000Z', 'invalid_format'],
    ['the year 2999', '2999-01-01T00:00:00.000Z', 'out_of_range'],
    ['the year 1970', '1970-01-01T00:00:00.000Z', 'out_of_range'],
    ['a local time with an offset', '2026-11-22T03:00:00+01:00', 'invalid_format'],
    ['a day without a time', '2026-11-22', 'invalid_format'],
    ['the 13th month', '2026-13-01T00:00:00.000Z', 'invalid_format'],
    ['the 30th of February', '2026-02-30T00:00:00.000Z', 'invalid_format'],
    ['the 29th of February in a common year', '2026-02-29T00:00:00.000Z', 'invalid_format'],
    ['the hour 24', '2026-11-22T24:00:00.000Z', 'invalid_format'],
    ['the 61st minute', '2026-11-22T03:61:00.000Z', 'invalid_format'],
    ['words', 'yesterday', 'invalid_format'],
    ['milliseconds since 1970', 1_763_780_400_000, 'invalid_type'],
  ];
  const TIMESTAMP_FIELDS: [RecordType, string][] = [
    ['request', 'createdAt'],
    ['offer', 'updatedAt'],
    ['log', 'at'],
  ];

  it.each(
    TIMESTAMP_FIELDS.flatMap(([type, field]) =>
      TIMESTAMPS.map(([what, value, code]) => [type, field, what, value, code] as const),
    ),
  )('a %s refuses %s in %s', (type, field, _what, value, code) => {
    expect(errorsOf(parseWith(type, field, value))).toEqual([{ path: field, code }]);
  });

  it.each(['2026-11-22T03:00:00Z', '2026-11-22T03:00:00.5Z', '2024-02-29T23:59:59.999Z'])(
    'a request accepts the timestamp %s',
    (value) => {
      expect(parseWith('request', 'createdAt', value).ok).toBe(true);
    },
  );

  const DAYS: [string, unknown, string][] = [
    ['the year 30000', '30000-01-01', 'invalid_format'],
    ['the year 2999', '2999-01-01', 'out_of_range'],
    ['a two-digit year', '26-11-22', 'invalid_format'],
    ['a timestamp', '2026-11-22T00:00:00.000Z', 'invalid_format'],
    ['the 30th of February', '2026-02-30', 'invalid_format'],
    ['the 31st of April', '2026-04-31', 'invalid_format'],
    ['month zero', '2026-00-10', 'invalid_format'],
    ['a US-style date', '11/22/2026', 'invalid_format'],
  ];

  it.each(
    (
      [
        ['request', 'neededBy'],
        ['task', 'due'],
      ] as const
    ).flatMap(([type, field]) =>
      DAYS.map(([what, value, code]) => [type, field, what, value, code] as const),
    ),
  )('a %s refuses %s in %s', (type, field, _what, value, code) => {
    expect(errorsOf(parseWith(type, field, value))).toEqual([{ path: field, code }]);
  });

  it.each(['2026-11-24', '2028-02-29', null])('a request accepts neededBy %j', (value) => {
    expect(parseWith('request', 'neededBy', value).ok).toBe(true);
  });

  const BAD_IDS: [string, unknown, string][] = [
    ['a short string', 'abc', 'invalid_format'],
    ['an empty string', '', 'invalid_format'],
    ['a lowercase ULID', '01j0000000000000req0001000', 'invalid_format'],
    ['a ULID with the letter I', '01J0000000000000REQI001000', 'invalid_format'],
    ['a ULID with the letter U', '01J0000000000000REQU001000', 'invalid_format'],
    ['27 characters', '01J0000000000000REQ00010000', 'invalid_format'],
    ['a UUID', '7f1d7d4e-3b1a-4c1e-9f55-3c2b1a0d9e8f', 'invalid_format'],
    ['a number', 12345, 'invalid_type'],
  ];
  const ID_FIELDS: [RecordType, string][] = [
    ['request', 'id'],
    ['request', 'groupId'],
    ['request', 'createdBy'],
    ['request', 'requesterId'],
    ['request', 'assigneeId'],
    ['membership', 'userId'],
    ['task', 'requestId'],
    ['log', 'parentId'],
  ];

  it.each(
    ID_FIELDS.flatMap(([type, field]) =>
      BAD_IDS.map(([what, value, code]) => [type, field, what, value, code] as const),
    ),
  )('a %s refuses %s that is %s', (type, field, _what, value, code) => {
    expect(errorsOf(parseWith(type, field, value))).toEqual([{ path: field, code }]);
  });
});
