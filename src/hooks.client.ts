import type { ClientInit } from '@sveltejs/kit';
import { prefetchSession } from '$lib/ui/early-session';

// Before the first navigation: begin opening IndexedDB (see early-session.ts).
export const init: ClientInit = () => {
  prefetchSession();
};
