import { getLocale, locales, setLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * The UI language as reactive state. Paraglide's message functions read the runtime's
 * locale when called; the root layout re-renders its page under a `{#key}` on `current`
 * so switching needs no reload (a reload offline without the service worker would fail).
 */
class LocaleState {
  current = $state<Locale>(getLocale());

  set(next: Locale): void {
    if (next === this.current) return;
    setLocale(next, { reload: false });
    this.current = next;
    if (typeof document !== 'undefined') document.documentElement.lang = next;
  }
}

export const uiLocale = new LocaleState();
export const availableLocales: readonly Locale[] = locales;
