import * as v from 'valibot';
import { LIMITS } from './limits';
import { baseEntries } from './record-base';
import { day, idSchema, list, requiredText, text } from './validation';

export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const checklistItemSchema = v.strictObject({
  text: requiredText(LIMITS.checklistText),
  done: v.boolean('invalid_type'),
});

export const taskSchema = v.strictObject({
  ...baseEntries,
  type: v.literal('task', 'invalid_choice'),
  /** Null for a group job that belongs to no request (a pantry shift). */
  requestId: v.nullable(idSchema),
  title: requiredText(LIMITS.title),
  details: text(LIMITS.details),
  checklist: list(checklistItemSchema, LIMITS.checklistItems),
  due: v.nullable(day),
  assigneeId: v.nullable(idSchema),
  status: v.picklist(TASK_STATUSES, 'invalid_choice'),
});
export type Task = v.InferOutput<typeof taskSchema>;

export const TASK_EDITABLE_FIELDS = ['title', 'details', 'checklist', 'due'] as const;
