import { getContext, setContext } from 'svelte';
import type { GroupView } from '$lib/services';

const KEY = Symbol('group');

/** The group a /g/[groupId] page is in, read live by the group layout. */
export interface GroupContext {
  readonly groupId: string;
  /** Null while loading or when the group is not on this device. */
  readonly view: GroupView | null;
  readonly loading: boolean;
}

export function setGroupContext(context: GroupContext): void {
  setContext(KEY, context);
}

export function groupContext(): GroupContext {
  return getContext<GroupContext>(KEY);
}
