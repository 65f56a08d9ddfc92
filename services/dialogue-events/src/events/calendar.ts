import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
// luxon: the date library ical-generator supports for wall-clock times in a TZID (a plain Date would be
// written in the process's own zone). It comes with bullmq's cron-parser and ical-generator's peer range.
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { EventDoc } from './event.schema';

/** Stable per event, whatever changes: calendars update the entry instead of adding a second one. */
export const eventUid = (id: string): string => `${id}@dialogue-events.vidnova.org`;

/** The VTIMEZONE block of an IANA zone, from timezones-ical-library (empty when it does not know the zone). */
function vtimezone(tz: string): string | null {
  const block = tzlib_get_ical_block(tz);
  return Array.isArray(block) && typeof block[0] === 'string' && block[0].startsWith('BEGIN:VTIMEZONE') ? block[0] : null;
}

function location(e: EventDoc): string | undefined {
  const parts = [e.venue?.name, e.venue?.address].filter(Boolean);
  if (e.onlineUrl) parts.push(e.onlineUrl);
  return parts.length ? parts.join(', ') : undefined;
}

const newCalendar = (name?: string, zones: 'write' | 'leave' = 'write') =>
  ical({
    ...(name ? { name } : {}),
    prodId: { company: 'Vidnova', product: 'dialogue-events', language: 'UK' },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone (DTSTAMP stays UTC); each event names its own. Its VTIMEZONE is written by
    // calendarHead for the whole document, so the blocks of events leave it out.
    timezone: { name: null, generator: (tz: string) => (zones === 'write' ? vtimezone(tz) : null) },
  });

const END = 'END:VCALENDAR';
/** The line that closes an iCalendar document. */
export const CALENDAR_END = `${END}\r\n`;

/** The opening of an iCalendar document: its properties, then one VTIMEZONE for each zone its events use. */
export function calendarHead(name: string, timeZones: Iterable<string>): string {
  const empty = newCalendar(name).toString();
  const zones = [...new Set(timeZones)]
    .sort()
    .map(vtimezone)
    .filter((b): b is string => !!b)
    .map((b) => `${b.replace(/\r?\n/g, '\r\n').replace(/(\r\n)*$/, '')}\r\n`);
  return `${empty.slice(0, empty.lastIndexOf(END))}${zones.join('')}`;
}

/**
 * The VEVENT block of one event, written by ical-generator (folding at 75 octets, escaping of `,;\` and
 * new lines): UID stable per event, DTSTART/DTEND as wall-clock times with the event's TZID (its
 * VTIMEZONE is in calendarHead), SEQUENCE raised on every change, STATUS:CANCELLED for cancelled events.
 */
export function calendarEvent(e: EventDoc): string {
  const cal = newCalendar(undefined, 'leave');
  const tz = vtimezone(e.timeZone) ? e.timeZone : undefined;
  const at = (d: Date) => (tz ? (DateTime.fromJSDate(new Date(d), { zone: tz }) as never) : new Date(d));
  const description = [e.description?.uk, e.title.en ? `EN: ${e.title.en}` : undefined, e.description?.en].filter(Boolean).join('\n\n');
  cal.createEvent({
    id: eventUid(String(e._id)),
    sequence: e.sequence ?? 0,
    start: at(e.startsAt),
    end: at(e.endsAt),
    ...(tz ? { timezone: tz } : {}),
    stamp: new Date(e.updatedAt),
    created: new Date(e.createdAt),
    lastModified: new Date(e.updatedAt),
    summary: e.title.uk,
    ...(description ? { description } : {}),
    ...(location(e) ? { location: location(e) } : {}),
    ...(e.onlineUrl ? { url: e.onlineUrl } : {}),
    status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : e.status === 'planned' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
  const text = cal.toString();
  return `${text.slice(text.indexOf('BEGIN:VEVENT'), text.lastIndexOf(END))}`;
}

/** A whole iCalendar (RFC 5545) document of these events. */
export function calendarOf(events: EventDoc[], name: string): string {
  return calendarHead(name, events.map((e) => e.timeZone)) + events.map(calendarEvent).join('') + CALENDAR_END;
}

/** The fields of an event a calendar needs (the waitlist and placing of a large event are left out). */
export const CALENDAR_FIELDS = {
  title: 1,
  description: 1,
  startsAt: 1,
  endsAt: 1,
  timeZone: 1,
  venue: 1,
  onlineUrl: 1,
  status: 1,
  sequence: 1,
  createdAt: 1,
  updatedAt: 1,
} as const;
