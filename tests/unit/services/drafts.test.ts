// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { clearDraft, loadDraft, saveDraft } from '../../../src/lib/services/drafts';
import { emptyRequestForm, isRequestFormValues } from '../../../src/lib/ui/request-form';

beforeEach(() => sessionStorage.clear());

describe('unsent form drafts', () => {
  it('a request typed half-way comes back in the same tab, per group, until cleared', () => {
    const values = { ...emptyRequestForm(null), title: 'Shopping for Mrs K', address: '4 Elm' };
    saveDraft('request:g1', values);
    expect(loadDraft('request:g1', isRequestFormValues)).toEqual(values);
    expect(loadDraft('request:g2', isRequestFormValues)).toBeNull();
    clearDraft('request:g1');
    expect(loadDraft('request:g1', isRequestFormValues)).toBeNull();
  });

  it('a draft of another shape or unreadable JSON is dropped, not restored', () => {
    saveDraft('request:g1', { title: 42 });
    expect(loadDraft('request:g1', isRequestFormValues)).toBeNull();
    expect(sessionStorage.getItem('neighborly:draft:request:g1')).toBeNull();
    sessionStorage.setItem('neighborly:draft:request:g1', '{not json');
    expect(loadDraft('request:g1', isRequestFormValues)).toBeNull();
  });
});
