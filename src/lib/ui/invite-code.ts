import * as v from 'valibot';
import { inviteCodeSchema } from '$lib/protocol';

/**
 * The invite code in what someone typed or pasted: a code in any case with spaces or
 * hyphens ("ab12 cd34", "AB12-CD34"), or a whole invite link (`…/join/AB12CD34`, or one with
 * `?code=`). Null when no valid code is in it; the protocol's `inviteCodeSchema` decides.
 */
export function inviteCodeFrom(input: string): string | null {
  const text = input.trim();
  let candidate = text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/join')) {
    try {
      const url = new URL(text, 'https://invalid.example');
      const fromPath = /\/join\/([^/?#]+)/.exec(url.pathname)?.[1];
      candidate = fromPath ? decodeURIComponent(fromPath) : (url.searchParams.get('code') ?? '');
    } catch {
      return null;
    }
  }
  const result = v.safeParse(inviteCodeSchema, candidate.replace(/[\s-]+/g, ''));
  return result.success ? result.output : null;
}
