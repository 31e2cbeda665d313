import { liveQuery } from '$lib/db/live';
import { beginFirstLoad } from './first-content';

export interface LiveValue<T> {
  /** The latest result; the previous one (or `initial`) while a new query runs. */
  readonly current: T;
  /** True until the first result of the current inputs has arrived. */
  readonly loading: boolean;
  readonly error: unknown;
  /**
   * Run the query again now (e.g. after an online-only call). Rarely needed: a liveQuery
   * re-runs by itself whenever a table range it read changes (see src/lib/db/live.ts).
   */
  refresh(): void;
}

/**
 * Bridges a Dexie liveQuery into runes. `make` runs inside an effect and must read every
 * reactive input synchronously (route params, filters), then return the query to run:
 * the query re-runs when those inputs change and whenever the tables it read change.
 *
 *   const board = live(() => { const f = $state.snapshot(filters); return () => listBoard(id, f); }, empty);
 *
 * Call it during component initialisation; the subscription ends with the component.
 */
export function live<T>(make: () => () => T | Promise<T>, initial: T): LiveValue<T> {
  let current = $state.raw<T>(initial);
  let loading = $state(true);
  let error = $state.raw<unknown>(null);
  let generation = $state(0);

  // Only this query's first subscription counts towards the page's first content.
  let firstLoad: (() => void) | null = beginFirstLoad();
  // No dependencies: its teardown runs only when the component goes (before any result).
  $effect(() => () => {
    firstLoad?.();
    firstLoad = null;
  });

  $effect(() => {
    void generation;
    const query = make();
    loading = true;
    const subscription = liveQuery(query).subscribe({
      next: (value: T) => {
        current = value;
        loading = false;
        error = null;
        firstLoad?.();
        firstLoad = null;
      },
      error: (e: unknown) => {
        error = e;
        loading = false;
        firstLoad?.();
        firstLoad = null;
      },
    });
    return () => subscription.unsubscribe();
  });

  return {
    get current() {
      return current;
    },
    get loading() {
      return loading;
    },
    get error() {
      return error;
    },
    refresh() {
      generation += 1;
    },
  };
}
