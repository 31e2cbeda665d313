/**
 * One polite live region for the whole app (rendered by the root layout): status messages
 * such as "saved on this phone" are announced without moving focus.
 */
class Announcer {
  message = $state('');

  say(text: string): void {
    // Clearing first makes a repeated message ("Added to the log.") announce again.
    this.message = '';
    queueMicrotask(() => {
      this.message = text;
    });
  }
}

export const announcer = new Announcer();
export const announce = (text: string): void => announcer.say(text);
