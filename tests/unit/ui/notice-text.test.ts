import { afterEach, describe, expect, it } from 'vitest';
import { typedText } from '../../../src/lib/ui/sync/notice-text';
import { overwriteGetLocale } from '../../../src/lib/paraglide/runtime';
import { makeLog, makeRequest, makeTask } from '../../fixtures/records';

let current: 'en' | 'es' = 'en';
overwriteGetLocale(() => current);
afterEach(() => {
  current = 'en';
});

describe('what the author typed in a refused change, to copy back', () => {
  it('a refused request gives its words and private part, one a line, without ids or choices', () => {
    const request = makeRequest({
      title: 'Milk and bread',
      details: 'Semi-skimmed',
      neighborhood: 'North',
      private: { address: '12 Elm St', phone: '+1 555 0100', accessNotes: 'Buzzer 4' },
    });
    const text = typedText({ ...request });
    expect(text.split('\n')).toEqual([
      'Milk and bread',
      'Semi-skimmed',
      'North',
      '12 Elm St',
      '+1 555 0100',
      'Buzzer 4',
    ]);
    expect(text).not.toContain(request.id);
    expect(text).not.toContain(request.groupId);
    expect(text).not.toContain(request.urgency);
  });

  it('a refused log entry gives its note and its minutes, labelled, in the user’s language', () => {
    const log = makeLog({ kind: 'time', text: 'Drove her to the clinic', minutes: 90 });
    expect(typedText({ ...log })).toBe('Drove her to the clinic\nMinutes: 90');
    current = 'es';
    expect(typedText({ ...log })).toMatch(/^Drove her to the clinic\n.+: 90$/);
  });

  it('a task gives its checklist items; an edit gives only the fields it changed', () => {
    const task = makeTask({
      title: 'Pantry shift',
      details: '',
      checklist: [
        { text: 'Unlock', done: false },
        { text: 'Sort tins', done: true },
      ],
    });
    expect(typedText({ ...task })).toBe('Pantry shift\nUnlock\nSort tins');
    expect(typedText({ details: 'Now with eggs' })).toBe('Now with eggs');
  });

  it('a change that carried no words gives nothing to copy', () => {
    expect(typedText(undefined)).toBe('');
    expect(typedText({ archived: true, status: 'open', details: '   ' })).toBe('');
  });
});
