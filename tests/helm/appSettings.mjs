// The settings the app binds, read from its C# sources: every class with
// `const string Section = "AkkaCollab:X"` and its `{ get; set; }` properties. The chart's env vars
// must name one of these (AkkaCollab__X__Property, list items AkkaCollab__X__Property__<i>).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const srcDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src");

function* csFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !["bin", "obj", "client", "node_modules", "wwwroot"].includes(entry.name)) {
      yield* csFiles(path);
    } else if (entry.isFile() && entry.name.endsWith(".cs")) {
      yield path;
    }
  }
}

/** Map section ("Web", "Node", "Security", ...) -> Map property -> its C# type and default text. */
export function boundSettings() {
  const sections = new Map();
  for (const file of csFiles(srcDir)) {
    const text = readFileSync(file, "utf8");
    const section = /const string Section = "AkkaCollab:(\w+)"/.exec(text);
    if (section === null) {
      continue;
    }
    const props = sections.get(section[1]) ?? new Map();
    for (const m of text.matchAll(/public ([\w<>?,. ]+?) (\w+) \{ get; set; \}(?: = ([^;]+);)?/g)) {
      props.set(m[2], { type: m[1], initial: m[3] ?? null });
    }
    sections.set(section[1], props);
  }
  return sections;
}

/** "TimeSpan.FromSeconds(10)" -> 10; null for any other initializer. */
export function defaultSeconds(initial) {
  const m = /^TimeSpan\.From(Seconds|Minutes)\((\d+)\)$/.exec(initial ?? "");
  return m === null ? null : Number(m[2]) * (m[1] === "Minutes" ? 60 : 1);
}
