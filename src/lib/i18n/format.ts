import { getLocale } from '$lib/paraglide/runtime';

/**
 * Dates and numbers through Intl in the user's language. `day` values (`YYYY-MM-DD`)
 * are calendar days with no time zone: they are formatted as UTC so a "needed by
 * Tuesday" never shows as Monday west of Greenwich.
 */

function locale(): string {
  return getLocale();
}

/**
 * Intl formatters are costly to build (tens of microseconds to milliseconds each): a board
 * of 50 rows built one per date spent most of its first render there. One per locale and
 * options, built on first use.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const lang = locale();
  const key = `d ${lang} ${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(lang, options)));
  return format;
}

function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const lang = locale();
  const key = `n ${lang} ${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(lang, options)));
  return format;
}

const DAY: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
};
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const AMOUNT: Intl.NumberFormatOptions = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
const MINUTES: Intl.NumberFormatOptions = { style: 'unit', unit: 'minute', unitDisplay: 'long' };

export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dateFormat(DAY).format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(DATE_TIME).format(date);
}

export function formatNumber(n: number): string {
  return numberFormat().format(n);
}

/** An amount in the group's money, without a currency symbol (groups span currencies). */
export function formatAmount(n: number): string {
  return numberFormat(AMOUNT).format(n);
}

export function formatMinutes(minutes: number): string {
  return numberFormat(MINUTES).format(minutes);
}

/** "3 hours ago", "in 2 days": for "last updated" notes. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** Today's calendar day on this device, as `YYYY-MM-DD` (local time). */
export function today(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
