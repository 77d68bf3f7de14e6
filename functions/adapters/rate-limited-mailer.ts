// Paces a mailer to a sending rate (SES's quota), so a big mailing is throttled here, not refused there.
import type { Mailer } from "../core/ports.ts";

export const rateLimitedMailer = (
  mailer: Mailer,
  perSecond: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => number = () => performance.now(),
): Mailer => {
  if (!(perSecond > 0)) return mailer;
  const interval = 1000 / perSecond;
  let nextSlot = 0;
  return {
    async send(email) {
      // Each caller reserves the next free slot before waiting, so concurrent sends queue up in order.
      const slot = Math.max(now(), nextSlot);
      nextSlot = slot + interval;
      const wait = slot - now();
      if (wait > 0) await sleep(wait);
      return mailer.send(email);
    },
  };
};
