// Copies the front-end files volg serves itself from node_modules into src/volg/web/static/vendor/, and writes
// a notice with each bundled package's version, licence and licence text beside them.
//
// Run by `npm ci` (the package's postinstall script) or by hand: `npm run vendor`. The vendor folder is generated:
// git ignores it and setuptools ships it as package data. See docs/design-notes.md, "Front-end assets".

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET = join(ROOT, "src", "volg", "web", "static", "vendor");

// package -> files to copy (path inside the package -> name in vendor/). Only what the pages load.
const FILES = {
  "htmx.org": { "dist/htmx.min.js": "htmx.min.js" },
  // d3-geo's UMD bundle expects d3-array's functions on the global `d3` (it is loaded first).
  "d3-array": { "dist/d3-array.min.js": "d3-array.min.js" },
  "d3-geo": { "dist/d3-geo.min.js": "d3-geo.min.js" },
  "topojson-client": { "dist/topojson-client.min.js": "topojson-client.min.js" },
  // Natural Earth country shapes: 1:110m for wide views, 1:50m when the map zooms in on a region.
  "world-atlas": { "countries-110m.json": "countries-110m.json", "countries-50m.json": "countries-50m.json" },
};

// Packages whose code is inlined in a bundle above rather than copied as a file of its own.
const INLINED = { internmap: "d3-array.min.js" };

function packageDir(name) {
  // Node's lookup: node_modules/<name> here or in a parent folder (npm hoists dependencies to the root).
  for (let dir = ROOT; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`${name} is not installed: run \`npm ci\` in ${ROOT}`);
}

function licenceText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  return file ? readFileSync(join(dir, file), "utf8").trim() : "(no licence file in the package)";
}

function describe(name, dir, files) {
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const url = typeof meta.repository === "string" ? meta.repository : meta.repository?.url;
  return [
    `${name} ${meta.version}`,
    `Licence: ${meta.license ?? "see below"}`,
    `Home: ${meta.homepage ?? url ?? "https://www.npmjs.com/package/" + name}`,
    `Files: ${files.join(", ")}`,
    "",
    licenceText(dir),
  ].join("\n");
}

function main() {
  rmSync(TARGET, { recursive: true, force: true });
  mkdirSync(TARGET, { recursive: true });
  const notices = [];
  for (const [name, files] of Object.entries(FILES)) {
    const dir = packageDir(name);
    for (const [from, to] of Object.entries(files)) copyFileSync(join(dir, from), join(TARGET, to));
    notices.push(describe(name, dir, Object.values(files)));
  }
  for (const [name, host] of Object.entries(INLINED)) {
    notices.push(describe(name, packageDir(name), [`inlined in ${host}`]));
  }
  const rule = "\n\n" + "-".repeat(78) + "\n\n";
  const head = [
    "Third-party files in this folder, copied from the npm registry's packages by scripts/vendor.mjs.",
    "world-atlas redistributes Natural Earth's vector data, which is in the public domain.",
  ].join("\n");
  writeFileSync(join(TARGET, "THIRD-PARTY-NOTICES.txt"), head + rule + notices.join(rule) + "\n");
  const count = Object.values(FILES).reduce((n, files) => n + Object.keys(files).length, 0);
  console.log(`vendor: ${count} files and THIRD-PARTY-NOTICES.txt in ${TARGET}`);
}

main();
