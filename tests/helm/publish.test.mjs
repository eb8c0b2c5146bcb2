// The image cannot be built here (no container engine). This checks what can be: the build
// context the Dockerfile copies holds every source the build reads, the Dockerfile's `dotnet
// publish` line as written (only the output folder changes) gives the app and its wwwroot, and
// the published app starts the way the image's ENTRYPOINT starts it. dockerfile-replay.mjs
// replays the whole build stage from a clean context (slow; run by hand).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize, relative } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildStage, copiedBy, dockerContextFiles } from "./dockerContext.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dockerfile = readFileSync(join(repo, "Dockerfile"), "utf8");
const work = mkdtempSync(join(tmpdir(), "akkacollab-image-"));
const publishDir = join(work, "app");
after(() => rmSync(work, { recursive: true, force: true }));

test("the files the Dockerfile copies hold every source the build reads", () => {
  const context = dockerContextFiles(repo);
  const copied = new Set();
  for (const { op, args } of buildStage(dockerfile)) {
    if (op === "COPY" && !args.startsWith("--from=")) {
      for (const { source, files } of copiedBy(args, context)) {
        assert.ok(files.length > 0, `COPY ${source}: nothing in the build context`);
        files.forEach((f) => copied.add(f));
      }
    }
  }
  const tracked = spawnSync("git", ["ls-files", "-z", "--", "src", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "global.json", "NuGet.config", "nuget.config"], { cwd: repo, encoding: "utf8" })
    .stdout.split("\0").filter(Boolean);
  assert.ok(tracked.length > 50);
  assert.deepEqual(tracked.filter((f) => !copied.has(f)), [], "tracked build inputs left out of the image");
  // A project item that reaches outside src/ (a linked file, a project) must be copied too.
  for (const project of tracked.filter((f) => f.endsWith(".csproj"))) {
    const text = readFileSync(join(repo, project), "utf8");
    for (const m of text.matchAll(/(?:Include|Project)="([^"$*]*\.\.[^"$*]*)"/g)) {
      const target = relative(repo, normalize(join(repo, dirname(project), m[1].replaceAll("\\", "/"))));
      assert.ok(copied.has(target), `${project} reads ${target}, which the Dockerfile does not copy`);
    }
  }
});

test("the Dockerfile's dotnet publish succeeds and the folder holds the app and its wwwroot", { timeout: 170_000 }, () => {
  const line = /^RUN (dotnet publish src\/Web -c Release -o \/app(?: --no-restore)?)$/m.exec(dockerfile);
  assert.ok(line, "the Dockerfile has no `RUN dotnet publish src/Web -c Release -o /app` line");
  const args = line[1].split(" ").slice(1).map((a) => (a === "/app" ? publishDir : a));
  const run = spawnSync("dotnet", args, { cwd: repo, encoding: "utf8", timeout: 160_000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.ok(existsSync(join(publishDir, "AkkaCollab.Web.dll")));
  assert.ok(existsSync(join(publishDir, "AkkaCollab.Web.runtimeconfig.json")));
  assert.ok(existsSync(join(publishDir, "wwwroot", "index.html")));
  assert.ok(readdirSync(join(publishDir, "wwwroot", "assets")).some((f) => /^app-\w+\.js$/.test(f)));
  const entry = /^ENTRYPOINT \["dotnet", "(AkkaCollab\.Web\.dll)"\]$/m.exec(dockerfile);
  assert.ok(entry && existsSync(join(publishDir, entry[1])), "the ENTRYPOINT names the published dll");
});

test("the published app started like the image serves the client and /healthz, and exits 0 on SIGTERM", { timeout: 90_000 }, async () => {
  assert.ok(existsSync(join(publishDir, "AkkaCollab.Web.dll")), "publish first");
  const home = mkdtempSync(join(work, "home-"));
  const child = spawn("dotnet", ["AkkaCollab.Web.dll"], {
    cwd: publishDir,
    env: {
      PATH: process.env.PATH, DOTNET_ROOT: process.env.DOTNET_ROOT ?? "", HOME: home, TMPDIR: home,
      ASPNETCORE_ENVIRONMENT: "Development", AkkaCollab__Web__Url: "http://127.0.0.1:0",
      AkkaCollab__Node__Port: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line in 60 s:\n${output}`)), 60_000);
      const onData = (chunk) => {
        output += chunk;
        const m = /AkkaCollab listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      exited.then(({ code }) => reject(new Error(`exited ${code} before listening:\n${output}`)));
    });
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), "ok");
    const index = await fetch(`${url}/`);
    assert.equal(index.status, 200);
    assert.match(await index.text(), /assets\/app-\w+\.js/);
  } finally {
    child.kill("SIGTERM");
  }
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("no exit 30 s after SIGTERM")), 30_000);
  });
  const { code } = await Promise.race([exited, deadline]).finally(() => clearTimeout(timer));
  assert.equal(code, 0, output);
});
