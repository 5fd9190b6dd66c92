// OpenStreetMap's reference parser (opening_hours, npm) as an oracle: reads
// {"week_start": ISO, "hours": {"id": "Mo-Fr 09:00-17:00", ...}} on stdin and prints
// {"id": [[from_minute, to_minute], ...]} of the week, or {"id": "error text"}.
// Run with TZ=Asia/Shanghai: the strings are local time, as the portal's hours are.
"use strict";
const path = require("path");
const OpeningHours = require(path.join(__dirname, "..", "..", "e2e", "node_modules", "opening_hours"));

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { week_start: weekStart, hours } = JSON.parse(input);
  const from = new Date(weekStart);
  const to = new Date(from.getTime() + 7 * 24 * 3600 * 1000);
  const out = {};
  for (const [id, text] of Object.entries(hours)) {
    try {
      // mode 0: opening hours, no optional_conf; no nominatim (no holidays or sun times).
      const oh = new OpeningHours(text, null, 0);
      const warnings = oh.getWarnings();
      if (warnings.length) {
        out[id] = "warning: " + warnings.join(" | ");
        continue;
      }
      out[id] = oh.getOpenIntervals(from, to).map(([start, end]) => [
        Math.round((start - from) / 60000),
        Math.round((end - from) / 60000),
      ]);
    } catch (error) {
      out[id] = "error: " + String(error);
    }
  }
  process.stdout.write(JSON.stringify(out));
});
