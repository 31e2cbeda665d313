import { describe, expect, it } from 'vitest';
import { defaultGroupSettings } from '../../../src/lib/domain';
import {
  categoryFromLabel,
  formFromSettings,
  settingsFromForm,
} from '../../../src/lib/ui/group-form';

function withExtras(extra: string, categories = ['groceries', 'pets']) {
  const values = { ...formFromSettings(defaultGroupSettings('Elm')), categories };
  return settingsFromForm({ ...values, extraCategories: extra }).categories;
}

describe('extra categories typed in the group form', () => {
  it('keep accents, spaces and case as typed, tidied', () => {
    expect(withExtras('pañales,  Baby   supplies , Niños 0 - 5')).toEqual([
      'groceries',
      'pets',
      'pañales',
      'Baby supplies',
      'Niños 0-5',
    ]);
  });

  it('are one of each in any case, and a built-in typed again is the built-in', () => {
    expect(withExtras('Pañales, pañales, PETS, Meals')).toEqual([
      'groceries',
      'pets',
      'Pañales',
      'meals',
    ]);
  });

  it('round-trip through the form: own labels come back in the extras field', () => {
    const settings = { ...defaultGroupSettings('Elm'), categories: ['groceries', 'Baby supplies'] };
    const values = formFromSettings(settings);
    expect(values.extraCategories).toBe('Baby supplies');
    expect(settingsFromForm(values).categories).toEqual(['groceries', 'Baby supplies']);
  });

  it('tidies a label without inventing one', () => {
    expect(categoryFromLabel('  a  --  b ')).toBe('a-b');
    expect(categoryFromLabel('Kids & toys')).toBe('Kids & toys');
    // Decomposed accents (as some keyboards send them) are stored composed.
    expect(categoryFromLabel('pan\u0303ales')).toBe('pañales');
  });
});
