import { m } from '$lib/paraglide/messages';
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
