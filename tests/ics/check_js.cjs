// Reads a .ics with a JavaScript consumer and prints what it understood, one line per event:
// "<start>|<end>|<summary>", timed events in UTC (2027-01-12T22:30:00Z), all-day events as dates;
// then "<reader>: N events". Readers: icaljs (ical.js, Thunderbird's parser, through the file's
// own VTIMEZONE) and node-ical. Usage: TZ=UTC node check_js.cjs icaljs|node-ical FILE.ics
const fs = require('fs');
const [reader, path] = process.argv.slice(2);
const text = fs.readFileSync(path, 'utf8');
const utc = (date) => date.toISOString().slice(0, 19) + 'Z';
const day = (date) => date.toISOString().slice(0, 10);
const lines = [];
if (reader === 'icaljs') {
  const ICAL = require('ical.js');
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const show = (time) => (time.isDate ? time.toString() : utc(time.toJSDate()));
    lines.push(`${show(event.startDate)}|${show(event.endDate)}|${event.summary}`);
  }
} else if (reader === 'node-ical') {
  const ical = require('node-ical');
  for (const event of Object.values(ical.sync.parseICS(text))) {
    if (event.type !== 'VEVENT') continue;
    const show = (time) => (event.datetype === 'date' ? day(time) : utc(time));
    const summary = typeof event.summary === 'object' ? event.summary.val : event.summary;
    lines.push(`${show(event.start)}|${show(event.end)}|${summary}`);
  }
} else {
  console.error(`unknown reader ${reader}`);
  process.exit(2);
}
for (const line of lines) console.log(line);
console.log(`${reader}: ${lines.length} events`);
