import { m } from '$lib/paraglide/messages';
import { formatAmount, formatNumber } from '$lib/i18n/format';
import { GROUP_LOST, type NoticeView } from '$lib/services/inbox-views';

/** Why the server refused a change, in the user's language (its message as the fallback). */
function reason(code: string, message: string): string {
  switch (code) {
    case 'forbidden':
      return m.sync_reason_forbidden();
    case 'invalid':
      return m.sync_reason_invalid();
    case 'illegal_transition':
      return m.sync_reason_illegal_transition();
    case 'not_found':
      return m.sync_reason_not_found();
    case 'conflict':
      return m.sync_reason_conflict();
    default:
      return m.sync_reason_other({ message });
  }
}

/** One notice as a sentence: who holds a claim, why a change was refused, what was lost. */
export function noticeText(view: NoticeView): string {
  const { notice } = view;
  const title = view.record.title ?? notice.subject ?? m.sync_notice_untitled();
  if (notice.code === GROUP_LOST) return m.sync_notice_group_lost({ what: notice.message });
  if (notice.code === 'already_claimed') {
    return notice.holder
      ? m.sync_notice_already_claimed({ name: notice.holder.displayName, title })
      : m.sync_notice_already_claimed_someone({ title });
  }
  return m.sync_notice_rejected({ title, reason: reason(notice.code, notice.message) });
}

/** Free-text fields a person types, in the order the forms show them. */
const TYPED_FIELDS = [
  'title',
  'name',
  'displayName',
  'text',
  'details',
  'description',
  'area',
  'availability',
  'neighborhood',
  'onBehalfOf',
  'closeNote',
  'safetyGuidelines',
] as const;
const TYPED_PRIVATE = ['address', 'phone', 'accessNotes', 'email'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the author typed in a refused change, one value a line, to copy back into a form:
 * the free text (checklist items, contact links and the private part included) and a log's
 * minutes or amount; never ids, dates or choices, which the form offers again. '' if none.
 */
export function typedText(values: Readonly<Record<string, unknown>> | undefined): string {
  if (!values) return '';
  const lines: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim()) lines.push(value.trim());
  };
  for (const field of TYPED_FIELDS) add(values[field]);
  const { checklist, contactLinks, skills, minutes, amount } = values;
  if (Array.isArray(checklist)) {
    for (const item of checklist) if (isObject(item)) add(item.text);
  }
  if (Array.isArray(contactLinks)) {
    for (const link of contactLinks) {
      if (isObject(link))
        add([link.label, link.url].filter((s) => typeof s === 'string').join(' '));
    }
  }
  if (Array.isArray(skills)) add(skills.filter((s) => typeof s === 'string').join(', '));
  if (isObject(values.private)) {
    for (const field of TYPED_PRIVATE) add(values.private[field]);
  }
  if (typeof minutes === 'number' && minutes > 0) {
    lines.push(`${m.log_minutes()}: ${formatNumber(minutes)}`);
  }
  if (typeof amount === 'number' && amount > 0) {
    lines.push(`${m.log_amount()}: ${formatAmount(amount)}`);
  }
  return lines.join('\n');
}
