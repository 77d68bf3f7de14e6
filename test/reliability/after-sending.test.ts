// Once SES has accepted an email, its link is in someone's inbox: a DynamoDB fault while recording the
// send must not revoke it, and a link replaced while it was being delivered must leave exactly the
// newest link working.
import { beforeEach, describe, expect, it } from "vitest";
import { replaceContactLink } from "../../functions/core/contact-links.ts";
import { deliverEmail } from "../../functions/core/deliver-email.ts";
import { SENDING_LEASE_MS, type EmailJob } from "../../functions/core/invitations.ts";
import type { OutgoingEmail, Ports, Repository } from "../../functions/core/ports.ts";
import { openResponse } from "../../functions/core/respond.ts";
import { sendInvitations } from "../../functions/core/send-invitations.ts";
import { freshTable } from "../support/dynamo.ts";
import { playedWorkerPorts } from "../support/played-workers.ts";
import { campaign, member, question, questionnaire } from "../support/factories.ts";
import { movableClock } from "../support/local-stack.ts";

const KEY = { campaignId: "c1", memberCode: "ARG", contactId: "focal-point" };

type Faults = { [K in keyof Repository]?: (...args: Parameters<Repository[K]>) => Promise<void> | void };

/** The dynalite repository, with a hook before each call that may throw (a fault) or wait (a pause). */
const withHooks = (repository: Repository, hooks: Faults): Repository =>
  new Proxy(repository, {
    get(target, name: keyof Repository) {
      const real = target[name] as (...args: unknown[]) => Promise<unknown>;
      const hook = hooks[name] as ((...args: unknown[]) => Promise<void> | void) | undefined;
      if (!hook) return real.bind(target);
      return async (...args: unknown[]) => {
        await hook(...args);
        return real.apply(target, args);
      };
    },
  });

/** A promise the test opens when it wants: where a worker waits while something else happens. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let reached!: () => void;
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return { open, opened, arrived, reached };
};

const linkIn = (email: OutgoingEmail) => /\/r\/([A-Za-z0-9_-]{43})/.exec(email.text)?.[1] as string;

let clock: ReturnType<typeof movableClock>;
let repository: Repository;
let sent: OutgoingEmail[];
let queued: EmailJob[];
let hooks: Faults;
let mailerPause: (() => Promise<void>) | undefined;
let ports: Ports;

beforeEach(async () => {
  clock = movableClock(new Date("2027-03-01T12:00:00Z"));
  ({ repository } = await freshTable());
  await repository.putMembers([member("ARG")]);
  await repository.putQuestionnaire(questionnaire([question("q1", "yes-no")]));
  await repository.createCampaign(
    campaign({ id: "c1", invited: ["ARG"], closesAt: "2099-01-01T00:00:00.000Z" }),
  );
  hooks = {};
  mailerPause = undefined;
  ({ ports, sent, queued } = playedWorkerPorts(withHooks(repository, hooks), clock, {
    mailer: (collected) => ({
      send: async (email) => {
        await mailerPause?.();
        collected.push(email);
        return { messageId: `m${collected.length}` };
      },
    }),
  }));
});

const opens = async (token: string) =>
  openResponse({ repository, clock }, token).then(
    () => "opens",
    (error: { code?: string }) => error.code ?? String(error),
  );

/** Throws `times` times on calls `which` picks, as DynamoDB does when it is briefly unavailable. */
const failing = <A extends unknown[]>(times: number, which: (...args: A) => boolean) => {
  let left = times;
  return (...args: A) => {
    if (which(...args) && left-- > 0)
      throw Object.assign(new Error("Service unavailable"), { name: "ServiceUnavailable" });
  };
};

describe("a DynamoDB fault after SES accepted the email", () => {
  it("recording the email as sent fails twice: the link delivered opens the form, and it is recorded sent", async () => {
    await sendInvitations(ports, "c1");
    hooks.updateEmail = failing(2, (_expected, next) => next.status === "sent");
    expect(await deliverEmail(ports, queued[0]!)).toBe("sent");
    expect(sent).toHaveLength(1);
    expect(await opens(linkIn(sent[0]!))).toBe("opens");
    expect(await repository.getEmail(queued[0]!)).toMatchObject({ status: "sent", messageId: "m1" });
    expect(await repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({ state: "sent" });
  });

  it("recording the invitation as sent fails twice: the link opens the form, and the invitation says sent", async () => {
    await sendInvitations(ports, "c1");
    hooks.updateInvitation = failing(2, (next) => next.state === "sent");
    expect(await deliverEmail(ports, queued[0]!)).toBe("sent");
    expect(sent).toHaveLength(1);
    expect(await opens(linkIn(sent[0]!))).toBe("opens");
    expect(await repository.getEmail(queued[0]!)).toMatchObject({ status: "sent" });
    expect(await repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({ state: "sent" });
  });

  it("DynamoDB down longer than the retries: the job comes back after the lease and sends once more (at least once), both links open the form", async () => {
    await sendInvitations(ports, "c1");
    const job = queued[0]!;
    hooks.updateEmail = failing(100, (_expected, next) => next.status === "sent");
    await expect(deliverEmail(ports, job)).rejects.toThrow();
    expect(sent).toHaveLength(1);
    expect(await opens(linkIn(sent[0]!))).toBe("opens");

    // The queue brings the job back: nobody touches it while the lease runs, then it goes again.
    delete hooks.updateEmail;
    expect(await deliverEmail(ports, job)).toBe("skipped");
    clock.advance(SENDING_LEASE_MS + 1);
    expect(await deliverEmail(ports, job)).toBe("sent");
    expect(sent).toHaveLength(2); // the documented duplicate: one, never more
    expect(await Promise.all(sent.map((e) => opens(linkIn(e))))).toEqual(["opens", "opens"]);
    expect(await repository.getEmail(job)).toMatchObject({ status: "sent" });
    expect(await repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({ state: "sent" });
    expect(await deliverEmail(ports, job)).toBe("skipped");
    expect(sent).toHaveLength(2);
  });
});

describe("a link replaced while it is being delivered", () => {
  /** Replaces the link while the worker waits at `paused`, then lets every email go; what each link does. */
  const replaceWhile = async (paused: ReturnType<typeof gate>, job: EmailJob) => {
    const delivering = deliverEmail(ports, job);
    await paused.arrived;
    await replaceContactLink(ports, KEY);
    paused.open();
    await delivering;
    const beforeNewLinkLeft = (await repository.getInvitation("c1", "ARG", "focal-point"))?.state;
    // The replacement's own email, as the queue delivers it.
    for (const next of queued.splice(0)) await deliverEmail(ports, next);
    return {
      beforeNewLinkLeft,
      links: await Promise.all(sent.map((e) => opens(linkIn(e)))),
      invitation: await repository.getInvitation("c1", "ARG", "focal-point"),
    };
  };

  /** What every email's link does, newest last: only the newest opens the form. */
  const onlyTheNewest = (n: number) => [...Array<string>(n - 1).fill("link_replaced"), "opens"];

  it("replaced after the worker made its link and before it recorded it: only the new link opens the form", async () => {
    await sendInvitations(ports, "c1");
    const job = queued.shift()!;
    const paused = gate();
    hooks.putToken = async () => {
      paused.reached();
      await paused.opened;
    };
    const after = await replaceWhile(paused, job);
    // Until the new link's own email leaves, the Secretariat must not read "sent" for this contact.
    expect(after.beforeNewLinkLeft).toBe("queued");
    expect(after.links).toEqual(onlyTheNewest(after.links.length));
    expect(after.invitation).toMatchObject({ state: "sent", generation: 2 });
  });

  it("replaced while SES was taking the email: only the new link opens the form", async () => {
    await sendInvitations(ports, "c1");
    const job = queued.shift()!;
    const paused = gate();
    let first = true;
    mailerPause = async () => {
      if (!first) return;
      first = false;
      paused.reached();
      await paused.opened;
    };
    const after = await replaceWhile(paused, job);
    // Until the new link's own email leaves, the Secretariat must not read "sent" for this contact.
    expect(after.beforeNewLinkLeft).toBe("queued");
    expect(after.links).toEqual(onlyTheNewest(after.links.length));
    expect(after.invitation).toMatchObject({ state: "sent", generation: 2 });
  });
});
