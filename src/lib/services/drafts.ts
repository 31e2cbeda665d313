/**
 * Unsent form drafts, kept in the tab's sessionStorage: Android may kill a background tab to
 * free memory and restore it later, and a long request typed half-way must come back. Per
 * tab, gone when the tab is closed, so a private address typed into a draft does not outlive
 * the tab on a shared phone. Never synced.
 */

const PREFIX = 'neighborly:draft:';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled: drafts are a convenience, never an error
  }
}

/** Keep what a form holds under `scope` (e.g. `request:<groupId>`). */
export function saveDraft(scope: string, values: unknown): void {
  try {
    storage()?.setItem(PREFIX + scope, JSON.stringify(values));
  } catch {
    // Quota full: the form still has what was typed; only the backup is skipped.
  }
}

/**
 * The draft kept under `scope`, or null. `isDraft` checks its shape (an older version of
 * the form may have saved something else): a draft that fails it is dropped.
 */
export function loadDraft<T>(scope: string, isDraft: (value: unknown) => value is T): T | null {
  const text = storage()?.getItem(PREFIX + scope);
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (isDraft(value)) return value;
  } catch {
    // Unreadable: dropped below.
  }
  clearDraft(scope);
  return null;
}

export function clearDraft(scope: string): void {
  storage()?.removeItem(PREFIX + scope);
}
