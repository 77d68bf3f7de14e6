// A deadline typed as a day ends at 23:59 that day where the campaign keeps its time, summer or winter.
import { BadRequest } from "./errors.ts";

/** The OAS headquarters' zone: a campaign's unless it names another. */
export const HEADQUARTERS_TIME_ZONE = "America/New_York";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a day as a date field sends it (YYYY-MM-DD), not a full instant. */
export const isDay = (text: string) => DAY.test(text);

/** The zone's offset from UTC at an instant, in minutes (New York in July: -240). */
const offsetMinutes = (instant: number, timeZone: string): number => {
  const name = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName")?.value;
  // "GMT" alone is UTC itself; otherwise "GMT-04:00" (or "GMT+05:45").
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? "");
  if (!m) throw new BadRequest("invalid_time_zone", `Cannot read the offset of ${timeZone}`);
  if (!m[1]) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};

const offsetText = (minutes: number) => {
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether the text is a time of day as a time field sends it (HH:MM, 24 hours). */
export const isTimeOfDay = (text: string) => TIME.test(text);

/**
 * A wall-clock time on `date` (YYYY-MM-DD) in `timeZone`, as an ISO instant with that moment's offset:
 * zonedTime("2027-03-31", "17:00", "America/Sao_Paulo") is "2027-03-31T17:00:00-03:00".
 */
export const zonedTime = (date: string, time: string, timeZone: string): string => {
  const m = DAY.exec(date);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const t = TIME.exec(time);
  if (!t) throw new BadRequest("invalid_time", `Expected a time like 17:00, not "${time}"`);
  const wall = Date.UTC(year, month - 1, day, Number(t[1]), Number(t[2]));
  const real = new Date(wall);
  if (!m || real.getUTCFullYear() !== year || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day)
    throw new BadRequest("invalid_date", `Expected a day like 2027-03-31, not "${date}"`);
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    throw new BadRequest("invalid_time_zone", `Expected an IANA time zone, not "${timeZone}"`);
  }
  // The offset at the wall time read as UTC can be the other side of a change; the second look is not.
  const guess = offsetMinutes(wall, timeZone);
  const offset = offsetMinutes(wall - guess * 60_000, timeZone);
  return `${date}T${time}:00${offsetText(offset)}`;
};

/**
 * The last minute of `date` (YYYY-MM-DD) in `timeZone`, as an ISO instant with that day's offset:
 * endOfDay("2027-07-15", "America/New_York") is "2027-07-15T23:59:00-04:00", in January "-05:00".
 */
export const endOfDay = (date: string, timeZone: string): string => zonedTime(date, "23:59", timeZone);

/** An instant as the day and time a clock in `timeZone` shows, to fill a date and a time field. */
export const wallClock = (iso: string, timeZone: string): { date: string; time: string } => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
};

/** A closing time as a form sends it: a day becomes its end in the zone; anything else is left for the schema to judge. */
export const closingTimeOf = (typed: string, timeZone: string): string =>
  isDay(typed) ? endOfDay(typed, timeZone) : typed;

/** A day and an optional time typed in two fields, in the zone: no time is the day's last minute. */
export const typedTime = (date: string, time: string, timeZone: string): string =>
  time ? zonedTime(date, time, timeZone) : endOfDay(date, timeZone);
