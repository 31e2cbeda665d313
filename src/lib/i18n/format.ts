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

const DAY_WITH_YEAR: Intl.DateTimeFormatOptions = { ...DAY, year: 'numeric' };

/** "Tue, 3 Mar"; with the year when it is not this year ("Fri, 3 Jan 2025"). */
export function formatDay(day: string | null | undefined, now = new Date()): string {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const thisYear = Number(day.slice(0, 4)) === now.getFullYear();
  return dateFormat(thisYear ? DAY : DAY_WITH_YEAR).format(date);
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

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** Bytes as "12 MB" / "12 MB" / "1,5 GB": decimal units, the locale's digits and unit words. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat({
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** The locale's decimal and grouping marks ("," and "." in Spanish). */
function separators(): { decimal: string; group: string } {
  const parts = numberFormat().formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/**
 * A number as people type it: "1.234,50" or "4,35" in Spanish, "1,234.50" in English, and
 * "4.35" anywhere (phones' number pads often offer only a dot). With both marks, the last
 * one is the decimal point; one mark alone is a thousands mark only when it is the locale's
 * and three digits follow it ("1.234" is 1234 in Spanish). Empty: null; not a number: NaN.
 */
export function parseLocaleNumber(text: string): number | null {
  const raw = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!raw) return null;
  if (!/^[-+]?[\d.,]+$/.test(raw)) return Number.NaN;
  const dot = raw.lastIndexOf('.');
  const comma = raw.lastIndexOf(',');
  let decimal: string | null = null;
  if (dot >= 0 && comma >= 0) decimal = dot > comma ? '.' : ',';
  else if (dot >= 0 || comma >= 0) {
    const mark = dot >= 0 ? '.' : ',';
    const pieces = raw.split(mark);
    const thousands = pieces.length > 2 || (mark === separators().group && pieces[1]?.length === 3);
    decimal = thousands ? null : mark;
  }
  const group = decimal ? (decimal === '.' ? ',' : '.') : dot >= 0 ? '.' : ',';
  const whole = decimal ? raw.slice(0, raw.lastIndexOf(decimal)) : raw;
  const fraction = decimal ? raw.slice(raw.lastIndexOf(decimal) + 1) : '';
  // Thousands marks sit between groups of three digits; anything else is a typo.
  const groups = whole.replace(/^[-+]/, '').split(group);
  if (groups.length > 1 && groups.slice(1).some((g) => g.length !== 3)) return Number.NaN;
  if (fraction.includes('.') || fraction.includes(',')) return Number.NaN;
  const n = Number(`${whole.replaceAll(group, '')}${decimal ? `.${fraction}` : ''}`);
  return Number.isFinite(n) ? n : Number.NaN;
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
