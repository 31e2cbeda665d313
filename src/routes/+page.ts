import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/** Signed in on this device: straight to the groups (offline too). */
export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  if (user) redirect(307, '/groups');
};
