// Builds the app into ../wwwroot: fingerprinted JS and CSS (content hash in the name, served
// immutable), an index.html that names them (served no-store), and the offline service worker.
// Run by the MSBuild target in ../AkkaCollab.Web.csproj before every build whose sources changed.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../wwwroot');
const assets = path.join(out, 'assets');

await rm(out, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await build({
  entryPoints: { app: path.join(here, 'src/app/main.ts') },
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: 'linked',
  outdir: assets,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  loader: { '.svg': 'file', '.woff2': 'file' },
});

const urls = Object.keys(result.metafile.outputs)
  .filter((file) => !file.endsWith('.map'))
  .map((file) => '/assets/' + path.relative(assets, path.resolve(file)).split(path.sep).join('/'));
const js = urls.find((u) => /\/app-[A-Z0-9]+\.js$/i.test(u));
const css = urls.find((u) => /\/app-[A-Z0-9]+\.css$/i.test(u));
if (!js || !css) throw new Error(`esbuild produced no app bundle: ${urls.join(', ')}`);

// The favicon inline (img-src allows data:), so that it needs no route and is never stale.
const favicon = 'data:image/svg+xml,' + encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1a73e8"/>'
  + '<path d="M9 23 15 8h2l6 15h-3l-1.4-4h-5.2L12 23zm4.4-6.5h3.8L15.3 11z" fill="#fff"/></svg>');

const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AkkaCollab</title>
<link rel="icon" href="${favicon}">
<link rel="stylesheet" href="${css}">
<script type="module" src="${js}"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;
await writeFile(path.join(out, 'index.html'), html);

const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 16);
const sw = await build({
  entryPoints: [path.join(here, 'src/sw/sw.ts')],
  bundle: true,
  format: 'iife',
  target: ['es2022'],
  minify: true,
  write: false,
  define: { ASSETS: JSON.stringify(urls), VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
await writeFile(path.join(out, 'sw.js'), sw.outputFiles[0].contents);
console.log(`client built: ${urls.length} assets, shell ${version}`);
