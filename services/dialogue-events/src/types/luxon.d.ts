// The part of luxon used here (it ships no type declarations; see events/calendar.ts).
declare module 'luxon' {
  export class DateTime {
    static fromJSDate(date: Date, options?: { zone?: string }): DateTime;
    toISO(): string | null;
  }
}
