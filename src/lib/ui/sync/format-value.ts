import { m } from '$lib/paraglide/messages';

/** A record field's value in words, for the conflict inbox (JSON values of any shape). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return m.sync_value_empty();
  if (typeof value === 'boolean') return value ? m.sync_value_yes() : m.sync_value_no();
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? m.sync_value_empty() : value.map(formatValue).join(', ');
  }
  if (typeof value === 'object') {
    const parts = Object.values(value as Record<string, unknown>)
      .filter((v) => v !== null && v !== undefined && v !== '')
      .map(formatValue);
    return parts.length === 0 ? m.sync_value_empty() : parts.join(' · ');
  }
  return String(value);
}

/** Bytes in the user's locale (kept here for the sync pieces that import it). */
export { formatBytes } from '$lib/i18n/format';
