// Parse GIFT from stdin with gift-pegjs and print its questions as JSON (or {"error": ...} and exit 1).
const { parse } = require("gift-pegjs");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  try { process.stdout.write(JSON.stringify(parse(input))); }
  catch (e) { process.stdout.write(JSON.stringify({ error: String(e.message), location: e.location || null })); process.exitCode = 1; }
});
