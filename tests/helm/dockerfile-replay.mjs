// Slow (a clean build: 1-3 min), so not part of the test command: replays the Dockerfile's build
// stage on this machine. The .dockerignore'd context is copied as the COPY lines say, then the RUN
// lines (restore, npm ci, dotnet publish) run with /app swapped for a temp folder.
// Run: node --test tests/helm/dockerfile-replay.mjs
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildStage, copiedBy, dockerContextFiles } from "./dockerContext.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const work = mkdtempSync(join(tmpdir(), "akkacollab-image-"));
after(() => rmSync(work, { recursive: true, force: true }));

test("the Dockerfile's build stage publishes the app and its wwwroot from a clean build context", { timeout: 600_000 }, () => {
  const context = join(work, "src");
  const publishDir = join(work, "app");
  const files = dockerContextFiles(repo);
  for (const { op, args } of buildStage(readFileSync(join(repo, "Dockerfile"), "utf8"))) {
    if (op === "COPY" && !args.startsWith("--from=")) {
      for (const { source, files: copied } of copiedBy(args, files)) {
        assert.ok(copied.length > 0, `COPY ${source}: nothing in the build context`);
        for (const f of copied) {
          mkdirSync(dirname(join(context, f)), { recursive: true });
          cpSync(join(repo, f), join(context, f));
        }
      }
    } else if (op === "RUN" && !args.startsWith("ln -s /usr/local/lib/node_modules/npm")) {
      const command = args.replaceAll(" /app", ` ${publishDir}`);
      const run = spawnSync("bash", ["-c", command], { cwd: context, encoding: "utf8", timeout: 500_000 });
      assert.equal(run.status, 0, `RUN ${command}\n${run.stdout}${run.stderr}`);
    }
  }
  assert.ok(existsSync(join(publishDir, "AkkaCollab.Web.dll")));
  assert.ok(existsSync(join(publishDir, "wwwroot", "index.html")));
});
