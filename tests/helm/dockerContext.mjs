// The files `docker build .` would send: the repository's files (git's view: tracked, plus
// untracked ones git does not ignore) minus what .dockerignore excludes. Supports the pattern
// forms the project's .dockerignore uses: `**/`, `*`, and a trailing `/` for a folder.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

function patternToRegex(pattern) {
  const folder = pattern.endsWith("/");
  const body = pattern.replace(/\/$/, "").split(/(\*\*\/|\*)/).map((part) => {
    if (part === "**/") return "(?:.*/)?";
    if (part === "*") return "[^/]*";
    return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }).join("");
  return new RegExp(`^${body}${folder ? "/" : "(?:/|$)"}`);
}

/** Paths (relative to the repository root) in the build context. */
export function dockerContextFiles(repo) {
  const patterns = readFileSync(join(repo, ".dockerignore"), "utf8").split("\n")
    .map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  if (patterns.some((p) => p.startsWith("!"))) {
    throw new Error(".dockerignore exceptions (!) are not supported here");
  }
  const excluded = patterns.map(patternToRegex);
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: repo, encoding: "utf8", maxBuffer: 64 << 20 })
    .split("\0").filter(Boolean);
  return files.filter((f) => !excluded.some((re) => re.test(f)));
}

/** The Dockerfile's build stage (after the first FROM, before the next), continuation lines joined. */
export function buildStage(dockerfile) {
  const lines = dockerfile.replace(/\\\n\s*/g, " ").split("\n").filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => /^(\w+) (.*)$/.exec(l)).map(([, op, args]) => ({ op, args }));
  const runtime = lines.findIndex((s, i) => i > 0 && s.op === "FROM");
  return lines.slice(1, runtime);
}

const globToRegex = (g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);

/**
 * The context files one COPY instruction (local sources, not --from) brings into the image, with
 * their paths. Every COPY in this Dockerfile keeps the path (dest is the source's own folder);
 * any other form is refused, so that the replay and this check stay exact.
 */
export function copiedBy(args, contextFiles) {
  const parts = args.split(" ");
  const dest = parts.pop();
  return parts.map((source) => {
    const folder = source.endsWith("/") ? source : source.includes("/") ? source.replace(/[^/]+$/, "") : "./";
    if (dest !== folder) {
      throw new Error(`COPY ${source} ${dest}: expected the source's own folder ${folder} as destination`);
    }
    const files = source.endsWith("/")
      ? contextFiles.filter((f) => f.startsWith(source))
      : contextFiles.filter((f) => globToRegex(source).test(f));
    return { source, files };
  });
}
