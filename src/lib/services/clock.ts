/** The device clock, replaceable in tests so that dates and "today" are fixed. */
let clock: () => Date = () => new Date();

export function setClock(next: (() => Date) | null): void {
  clock = next ?? (() => new Date());
}

/** Now, as the records store it (`toISOString`, UTC). */
export function nowIso(): string {
  return clock().toISOString();
}

export function nowDate(): Date {
  return clock();
}

/** Today's calendar day (`YYYY-MM-DD`) in the device's time zone: what "today" means to people. */
export function today(): string {
  const d = clock();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
