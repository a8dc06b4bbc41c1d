import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  MAX_FILE_BYTES,
  MAX_FOLDER_BYTES,
  MAX_FOLDER_FILES,
  displayOf,
  isInside,
  kindOf,
  notRegular,
  readServiceBytes,
  realRoot,
  resolveInside,
  resolveServiceFolder,
  size
} from "./chunk-RBHNWEPJ.js";
import {
  UserError
} from "./chunk-CQTZEYZ7.js";

// shared/src/boundary/folders.ts
import { lstatSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
function listServiceFolder(root, folder, options) {
  const rootReal = realRoot(root);
  resolveServiceFolder(root, folder, options);
  const start = resolve(root, folder);
  const shownRoot = options.display ?? displayOf(resolve(root), start, folder);
  const maxFiles = options.maxFiles ?? MAX_FOLDER_FILES;
  const files = [];
  const seen = /* @__PURE__ */ new Set();
  const walk = (dir, shown) => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort(
      (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    );
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const entryShown = `${shown}/${entry.name}`;
      if (options.symlinks === "refuse" && entry.name === ".git")
        throw new UserError({
          message: `${options.what} '${shownRoot}' holds a nested '.git' (${entryShown}).`,
          hint: "Remove it: a published folder holds only the rendered files, never a repository of its own."
        });
      if (options.skip?.(entry.name)) continue;
      let stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        if (options.symlinks === "refuse")
          throw new UserError({
            message: `${options.what} '${shownRoot}' holds a symbolic link (${entryShown}).`,
            hint: "idp publishes regular files only; replace the link with the file itself."
          });
        const target = resolveInside(rootReal, path, { what: options.what, display: entryShown });
        if (target.real === void 0) continue;
        stat = lstatSync(target.real);
      }
      if (stat.isDirectory()) walk(path, entryShown);
      else if (stat.isFile()) {
        if (options.include && !options.include(path)) continue;
        files.push(path);
        if (files.length > maxFiles)
          throw new UserError({
            message: `${options.what} '${shownRoot}' holds more than ${maxFiles} files.`,
            hint: "Name a smaller folder; a rendered environment holds tens of files."
          });
      } else throw notRegular(options.what, entryShown, kindOf(stat));
    }
  };
  walk(start, shownRoot.replace(/\/+$/, ""));
  return files.sort();
}
function copyPublishableFolder(source, destination, options) {
  const files = listServiceFolder(source, source, {
    what: options.what,
    display: options.display,
    symlinks: "refuse"
  });
  const root = resolve(source);
  const maxTotal = options.maxTotalBytes ?? MAX_FOLDER_BYTES;
  let total = 0;
  for (const file of files) {
    const rel = relative(root, file);
    const bytes = readServiceBytes(root, file, {
      what: options.what,
      display: `${options.display}/${rel.split(sep).join("/")}`,
      maxBytes: options.maxBytes ?? MAX_FILE_BYTES
    });
    total += bytes.length;
    if (total > maxTotal)
      throw new UserError({
        message: `${options.what} '${options.display}' holds more than ${size(maxTotal)} of files.`,
        hint: "A rendered environment is a few hundred KiB; promote the folder idp render wrote."
      });
    const target = join(destination, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  return files;
}
function passesThroughLink(root, path) {
  const rel = relative(resolve(root), resolve(path));
  if (rel === "" || !isInside(resolve(root), resolve(path))) return false;
  let probe = resolve(root);
  for (const part of rel.split(sep)) {
    probe = join(probe, part);
    try {
      if (lstatSync(probe).isSymbolicLink()) return true;
    } catch {
      return false;
    }
  }
  return false;
}

export {
  listServiceFolder,
  copyPublishableFolder,
  passesThroughLink
};
