// Realistic, reproducible request records for the bench: varied text, categories, urgency
// and neighbourhoods, ~1 KB of JSON each, valid against src/lib/domain's request schema.
import { monotonicFactory } from 'ulid';

/** Small seeded PRNG (mulberry32): the same seed gives the same data set on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = [
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
];
export const NEIGHBORHOODS = [
  'Crown Heights',
  'Flatbush',
  'Bed-Stuy',
  'Prospect Heights',
  'Sunset Park',
  'Bushwick',
  'Park Slope',
  'Red Hook',
  'Greenpoint',
  'East New York',
  'Kensington',
  'Windsor Terrace',
];
const URGENCIES = ['urgent', 'soon', 'soon', 'flexible', 'flexible'];
const STATUSES = ['open', 'open', 'open', 'open', 'open', 'claimed', 'in_progress', 'done', 'new'];
const TITLES = {
  groceries: [
    'Groceries for Mrs. K',
    'Weekly shop, low-sodium',
    'Milk, bread and fruit',
    'Halal groceries for a family of five',
  ],
  pharmacy: [
    'Pick up a prescription',
    'Insulin refill from Walgreens',
    'Pharmacy run before Friday',
  ],
  meals: ['Hot meals for a recovering neighbour', 'Vegetarian dinners this week', 'Soup for two'],
  transport: [
    'Ride to a hospital appointment',
    'Lift to the food pantry',
    'Help moving a wheelchair to a car',
  ],
  childcare: [
    'After-school pickup',
    'Babysitting during a night shift',
    'Help with homework on Tuesdays',
  ],
  pets: ['Walk an old dog twice a day', 'Cat food and litter', 'Vet visit for a limping dog'],
  companionship: [
    'Weekly check-in call',
    'Someone to read with in Spanish',
    'Visit an isolated elder',
  ],
  household: ['Fix a leaking tap', 'Carry boxes to the basement', 'Change a smoke alarm battery'],
  money: ['Help with an electricity bill', 'Rent gap this month', 'Laundry money for a family'],
  other: ['Translate a housing letter', 'Fill in a benefits form', 'Borrow a phone charger'],
};
const SENTENCES = [
  'She lives on the third floor and the elevator has been broken since Monday.',
  'Please leave everything at the door, knock twice and step back; she will come out.',
  'He prefers store brands and can pay back in cash on delivery, receipts please.',
  'The building has a buzzer that does not work, so call when you are outside.',
  'No peanuts at all: there is a severe allergy in the household.',
  'Any time after 4 pm works; mornings are for dialysis.',
  'Spanish or Haitian Creole spoken at home; some English is fine.',
  'This has been a regular need for a few weeks and may continue through the winter.',
  'There is a small dog who barks but is friendly; do not let her out.',
  'The pantry on Nostrand opens at ten and the line gets long after eleven.',
  'If the store is out of oat milk, soy is fine, but not almond.',
  'We can reimburse from the group fund; log the amount with a photo of the receipt.',
  'She is recovering from surgery and cannot lift anything heavier than a kettle.',
  'Two kids, ages six and nine; they can walk with you but not alone.',
  'Parking is hard on this block; the side street usually has space.',
  'Please wear a mask inside; someone in the home is immunocompromised.',
];
// Free text from a few hundred words, so the documents compress like real notes do
// (the reference data: ~4.8× smaller with brotli), not like repeated templates.
const WORDS = (
  'please could someone bring milk eggs rice beans bread tea coffee sugar flour oil soap ' +
  'diapers wipes formula bananas apples onions potatoes tomatoes chicken fish tofu lentils ' +
  'oats cereal juice water batteries bulbs blanket coat boots gloves scarf heater fan ' +
  'monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night ' +
  'before after around between early late today tomorrow weekend week month twice once ' +
  'mother father daughter son grandson granddaughter neighbour neighbor tenant landlord ' +
  'super building lobby hallway stairs elevator basement roof door window buzzer gate ' +
  'left right corner block street avenue park church mosque synagogue school clinic ' +
  'hospital pharmacy bodega supermarket laundromat library station bus train subway ' +
  'wheelchair walker cane crutches oxygen insulin inhaler glasses hearing aid medication ' +
  'allergy diabetic vegetarian vegan kosher halal gluten dairy spicy soft low salt ' +
  'cash card receipt reimburse fund budget dollars cents change paid owes free donated ' +
  'call text whatsapp signal email voicemail spanish creole russian bengali yiddish ' +
  'english french chinese arabic polish urdu translate read write form letter bill ' +
  'rent electricity gas phone internet benefits snap wic medicaid appointment doctor ' +
  'dentist therapist nurse aide caseworker lawyer court housing shelter pantry fridge ' +
  'kitchen stove microwave freezer dog cat bird fish litter leash walk vet food bowl ' +
  'quiet loud friendly shy tired sick recovering pregnant elderly disabled isolated ' +
  'thank you very much appreciated grateful kind patient careful gentle slow quick'
).split(' ');

function words(random, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]);
  return out.join(' ');
}

const NAMES = ['Mrs. K', 'Mr. Alvarez', 'Ms. Okafor', 'Grandma Rose', 'Dmitri', 'Aisha', 'Tomás'];
const STREETS = [
  'Eastern Pkwy',
  'Nostrand Ave',
  'Rogers Ave',
  'Franklin Ave',
  'Lincoln Pl',
  'Bedford Ave',
];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function day(base, offsetDays) {
  return new Date(base + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `count` request records of one group, as the server stores them (without `rev`).
 * `people` are user ids: the first is the coordinator who "entered" some on behalf of
 * neighbours; the rest ask and claim.
 */
export function makeRequests({ groupId, count, people, seed = 1, now = Date.now() }) {
  const random = prng(seed);
  const nextId = monotonicFactory(() => random());
  const records = [];
  for (let i = 0; i < count; i++) {
    const category = pick(random, CATEGORIES);
    const status = pick(random, STATUSES);
    const created = new Date(now - Math.floor(random() * 60 * 86_400_000)).toISOString();
    const onBehalf = random() < 0.25;
    const assigned = status === 'claimed' || status === 'in_progress' || status === 'done';
    const sentences = [];
    const n = 1 + Math.floor(random() * 2);
    for (let s = 0; s < n; s++) sentences.push(pick(random, SENTENCES));
    sentences.push(`Notes: ${words(random, 45 + Math.floor(random() * 40))}.`);
    records.push({
      id: nextId(Date.parse(created)),
      type: 'request',
      groupId,
      createdAt: created,
      createdBy: people[0],
      updatedAt: created,
      archived: false,
      category,
      title: pick(random, TITLES[category]),
      details: sentences.join(' '),
      neighborhood: pick(random, NEIGHBORHOODS),
      urgency: pick(random, URGENCIES),
      neededBy: random() < 0.8 ? day(now, Math.floor(random() * 40) - 10) : null,
      contactless: random() < 0.7,
      recurring: random() < 0.1 ? 'weekly' : null,
      status,
      closeReason: null,
      closeNote: '',
      requesterId: onBehalf ? null : pick(random, people),
      onBehalfOf: onBehalf ? pick(random, NAMES) : null,
      assigneeId: assigned ? pick(random, people) : null,
      private: {
        address: `${100 + Math.floor(random() * 1800)} ${pick(random, STREETS)}, Apt ${1 + Math.floor(random() * 30)}`,
        phone: `+1 718 555 ${String(1000 + Math.floor(random() * 9000))}`,
        accessNotes: random() < 0.5 ? 'Side door; ring 3B.' : '',
      },
    });
  }
  return records;
}

/** The document a record becomes in its group's database (sync-server/store/record-docs.ts). */
export function toDoc(record) {
  const { rev: _rev, ...fields } = record;
  return { ...fields, _id: record.id };
}
