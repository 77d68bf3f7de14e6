// Scheduled (EventBridge): sends the reminder step that has come due in each open campaign, once.
import { runtimePorts } from "../adapters/ports.ts";
import type { Ports } from "../core/ports.ts";
import { sendDueReminders } from "../core/reminders.ts";

export const createSendRemindersHandler = (ports: () => Ports) => async () => {
  const sent = await sendDueReminders(ports());
  console.log(JSON.stringify({ level: "info", msg: "reminders queued", campaigns: sent }));
  return sent;
};

export const handler = createSendRemindersHandler(runtimePorts);
