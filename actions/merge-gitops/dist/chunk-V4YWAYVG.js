import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  RENDER_RECORD_PATH,
  parseRenderRecord
} from "./chunk-PULTVLQO.js";
import {
  listServiceFolder
} from "./chunk-YWF356WQ.js";
import {
  Minimatch,
  offsetOf,
  yamlValueProblems
} from "./chunk-QRTTHIBF.js";
import {
  parseYamlStream,
  require_dist
} from "./chunk-B6TU5DWR.js";
import {
  gitToplevel,
  readOptionalServiceFile,
  readServiceFile,
  serviceEntryKind
} from "./chunk-RBHNWEPJ.js";
import {
  UserError,
  __toESM,
  inputRefStart
} from "./chunk-CQTZEYZ7.js";

// shared/src/policy/manifests.ts
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

// shared/src/policy/manifest-documents.ts
var import_yaml2 = __toESM(require_dist(), 1);

// shared/src/policy/manifest-positions.ts
var import_yaml = __toESM(require_dist(), 1);
var CELLS = 5;
var [AT, KEY_AT, KIND, FIRST, COUNT] = [0, 1, 2, 3, 4];
var [LEAF, MAPPING, SEQUENCE] = [0, 1, 2];
function offsetIndex(doc) {
  const cells = [];
  const keys = [];
  const nodes = [];
  const add = (node, keyAt, key) => {
    const at = node === null || node === void 0 ? void 0 : node.range?.[0];
    const kind = (0, import_yaml.isMap)(node) ? MAPPING : (0, import_yaml.isSeq)(node) ? SEQUENCE : LEAF;
    cells.push(at ?? -1, keyAt ?? -1, kind, 0, 0);
    keys.push(key);
    nodes.push(node);
  };
  add(doc.contents, void 0, "");
  if (cells[AT] === -1) cells[AT] = 0;
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    const first = nodes.length;
    if ((0, import_yaml.isMap)(node)) {
      const seen = node.items.length > 8 ? /* @__PURE__ */ new Set() : void 0;
      for (const pair of node.items) {
        if (!(0, import_yaml.isPair)(pair) || !(0, import_yaml.isScalar)(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen ? seen.has(key) : keys.indexOf(key, first) !== -1) continue;
        seen?.add(key);
        add(pair.value, pair.key.range?.[0], key);
      }
    } else if ((0, import_yaml.isSeq)(node)) for (const item of node.items) add(item, void 0, "");
    cells[n * CELLS + FIRST] = first;
    cells[n * CELLS + COUNT] = nodes.length - first;
  }
  return { cells: Int32Array.from(cells), keys };
}
function positionsIn(index, prefix, lineCounter) {
  return (pointer) => {
    const { line, col } = lineCounter.linePos(indexOffset(index, splitPointer(prefix + pointer)));
    return { line, column: col };
  };
}
function indexOffset(index, path) {
  const { cells, keys } = index;
  let node = 0;
  let offset = cells[AT];
  for (const segment of path) {
    const first = cells[node * CELLS + FIRST];
    const count = cells[node * CELLS + COUNT];
    let child = -1;
    switch (cells[node * CELLS + KIND]) {
      case MAPPING:
        for (let c = first; c < first + count; c++)
          if (keys[c] === segment) {
            child = c;
            break;
          }
        break;
      case SEQUENCE: {
        const i = Number(segment);
        if (Number.isInteger(i) && i >= 0 && i < count) child = first + i;
        break;
      }
      default:
        return offset;
    }
    if (child === -1) return offset;
    node = child;
    const at = cells[child * CELLS + AT];
    const keyAt = cells[child * CELLS + KEY_AT];
    offset = at !== -1 ? at : keyAt !== -1 ? keyAt : offset;
  }
  return offset;
}
function pointerOffset(doc, pointer) {
  return offsetOf(doc, splitPointer(pointer));
}
function splitPointer(pointer) {
  if (pointer === "" || pointer === "/") return [];
  return pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
function joinPointer(segments) {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

// shared/src/policy/manifest-documents.ts
var MAX_ALIAS_COUNT = 1e3;
var MAX_EMBEDDING_DEPTH = 32;
function embeddedObjects(object) {
  if (object.kind !== "Application" || !String(object.apiVersion).startsWith("core.oam.dev/"))
    return [];
  const spec = isObject(object.spec) ? object.spec : {};
  const components = Array.isArray(spec.components) ? spec.components : [];
  return components.flatMap((component, i) => {
    if (!isObject(component) || component.type !== "k8s-objects") return [];
    const properties = isObject(component.properties) ? component.properties : {};
    const objects = Array.isArray(properties.objects) ? properties.objects : [];
    return objects.map((embedded, j) => ({
      at: `/spec/components/${i}/properties/objects/${j}`,
      object: embedded
    }));
  });
}
function parseManifestText(text, file, render) {
  const lineCounter = new import_yaml2.LineCounter();
  const docs = parseYamlStream(text, { lineCounter, uniqueKeys: true });
  const at = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const manifests = [];
  const findings = [];
  const problem = (where, message, rule = "yaml") => {
    const position = { file, ...typeof where === "number" ? at(where) : where };
    findings.push({
      source: "manifests",
      policy: "manifest-syntax",
      rule,
      result: "error",
      severity: "error",
      category: "Syntax",
      message,
      manifest: { file, line: position.line, column: position.column },
      position
    });
  };
  docs.forEach((doc, documentIndex) => {
    if (doc.errors.length > 0) {
      const [error] = doc.errors;
      problem(error.pos[0], `Not valid YAML: ${error.message.split("\n")[0]}`);
      return;
    }
    if (doc.contents === null) return;
    const tagged = yamlValueProblems(
      doc,
      text,
      (offset) => ({ file, ...at(offset) }),
      "The manifest",
      {
        kubernetes: true
      }
    );
    if (tagged.length > 0) {
      for (const refused of tagged) problem(refused.position, `${refused.message} ${refused.hint}`);
      return;
    }
    let value;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problem(doc.range[0], `Cannot read the document: ${error.message}`);
      return;
    }
    if (value === null || value === void 0) return;
    const start = doc.contents.range?.[0] ?? doc.range[0];
    let offsets;
    const make = (object, prefix, holder) => {
      offsets ??= offsetIndex(doc);
      const index = offsets;
      manifests.push({
        file,
        documentIndex,
        object,
        positionOf: positionsIn(index, prefix, lineCounter),
        ...render ? { render } : {},
        ...holder ? { embedded: { at: prefix, holder } } : {}
      });
    };
    const accept = (item, prefix, holder, depth = 0) => {
      if (depth === 0 && Array.isArray(item)) {
        item.forEach((element, i) => accept(element, `${prefix}/${i}`, "list", depth + 1));
        return;
      }
      if (!isObject(item) || typeof item.kind !== "string" || typeof item.apiVersion !== "string") {
        problem(
          prefix ? pointerOffset(doc, prefix) : start,
          "This document is not a Kubernetes object: it needs `apiVersion` and `kind`.",
          "kubernetes-object"
        );
        return;
      }
      if (depth > MAX_EMBEDDING_DEPTH) {
        problem(
          pointerOffset(doc, prefix),
          `Objects nest deeper than ${MAX_EMBEDDING_DEPTH} Lists or components.`,
          "kubernetes-object"
        );
        return;
      }
      if (item.apiVersion.startsWith("kustomize.config.k8s.io/")) {
        make(item, prefix, holder);
        return;
      }
      if (Array.isArray(item.items)) {
        item.items.forEach(
          (element, i) => accept(element, `${prefix}/items/${i}`, "list", depth + 1)
        );
        if (item.kind.endsWith("List")) return;
      }
      make(item, prefix, holder);
      embeddedObjects(item).forEach(
        ({ at: pointer, object }) => accept(object, prefix + pointer, "k8s-objects", depth + 1)
      );
    };
    accept(value, "");
  });
  return { manifests, findings };
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// shared/src/policy/manifests.ts
var MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;
var GLOB_CHARS = /[*?[\]{}]/;
var MAX_MANIFESTS = 2e4;
function loadManifests(entries, workspace, logger) {
  const root = gitToplevel(workspace) ?? resolve(workspace);
  const paths = expandEntries(entries, workspace, "manifests", root);
  const records = new RecordCache(workspace, root);
  const manifests = [];
  const findings = [];
  for (const path of paths) {
    const file = displayPath(path, workspace);
    const render = records.find(path);
    const text = readServiceFile(root, path, { what: "The manifest file", display: file });
    const loaded = parseManifestText(text, file, render);
    if (manifests.length + loaded.manifests.length > MAX_MANIFESTS)
      throw new UserError({
        message: `The manifests hold more than ${MAX_MANIFESTS} objects (${file} reached the limit); idp validates at most that many in one run.`,
        hint: "Validate one rendered environment at a time; a real one holds a few hundred objects."
      });
    for (const manifest of loaded.manifests) manifests.push(manifest);
    for (const finding of loaded.findings) findings.push(finding);
  }
  logger.debug(`read ${manifests.length} manifests from ${paths.length} files`);
  return { manifests, findings, files: paths.map((p) => displayPath(p, workspace)) };
}
function expandEntries(entries, workspace, inputName = "manifests", root = gitToplevel(workspace) ?? resolve(workspace)) {
  const within = root ?? "/";
  const found = /* @__PURE__ */ new Set();
  const missing = [];
  const walk = (folder, display, include) => listServiceFolder(within, folder, {
    include,
    what: `The ${inputName} entry`,
    display,
    symlinks: "inside",
    // `.idp/` holds provenance, `.git/` history; neither holds manifests.
    skip: (name) => name.startsWith(".") || name === "node_modules"
  });
  for (const entry of entries) {
    const absolute = resolve(workspace, entry);
    const before = found.size;
    const options = { what: `The ${inputName} entry`, display: entry };
    const kind = serviceEntryKind(within, absolute, options);
    if (kind === "folder") {
      for (const f of walk(absolute, entry, (f2) => MANIFEST_EXTENSIONS.test(f2))) found.add(f);
    } else if (kind === "file") {
      found.add(absolute);
    } else if (GLOB_CHARS.test(entry)) {
      const pattern = toPosix(isAbsolute(entry) ? entry : join(workspace, entry));
      const base = globBase(pattern);
      if (serviceEntryKind(within, base, options) === "folder") {
        const glob = new Minimatch(pattern, { dot: false, braceExpandMax: 64 });
        for (const f of walk(base, entry, (f2) => glob.match(toPosix(f2)))) found.add(f);
      }
    }
    if (found.size === before) missing.push(entry);
  }
  if (missing.length > 0) {
    throw new UserError(
      missing.map((entry) => ({
        message: `${inputRefStart(inputName)} names '${entry}', which matches no file.`,
        hint: "Give folders, files or globs relative to the repository root."
      }))
    );
  }
  return [...found].sort();
}
var RecordCache = class {
  constructor(workspace, root) {
    this.workspace = workspace;
    this.root = root;
  }
  workspace;
  root;
  byDir = /* @__PURE__ */ new Map();
  find(path) {
    const found = this.lookup(dirname(path));
    if (!found) return void 0;
    return { record: found.record, fileInRender: toPosix(relative(found.dir, path)) };
  }
  lookup(dir) {
    const cached = this.byDir.get(dir);
    if (cached !== void 0) return cached;
    let result = null;
    const candidate = join(dir, RENDER_RECORD_PATH);
    const display = displayPath(candidate, this.workspace);
    const text = isInsideFolder(this.root, dir) ? readOptionalServiceFile(this.root, candidate, { what: "The render record", display }) : void 0;
    if (text !== void 0) {
      result = { dir, record: readRecord(text, display) };
    } else {
      const parent = dirname(dir);
      if (parent !== dir && dir !== resolve(this.workspace)) result = this.lookup(parent);
    }
    this.byDir.set(dir, result);
    return result;
  }
};
function readRecord(text, file) {
  return parseRenderRecord(text, file, ["environment", "namespace", "sourceMap"]);
}
function isInsideFolder(folder, path) {
  const rel = relative(folder, path);
  return rel === "" || !rel.startsWith("..") && !isAbsolute(rel);
}
function globBase(pattern) {
  const parts = pattern.split("/");
  const index = parts.findIndex((p) => GLOB_CHARS.test(p));
  return parts.slice(0, index).join("/") || "/";
}
function displayPath(path, workspace) {
  const rel = relative(workspace, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return toPosix(path);
  return toPosix(rel);
}
function toPosix(path) {
  return sep === "/" ? path : path.split(sep).join("/");
}
function isBuildFile(manifest) {
  return String(manifest.object.apiVersion).startsWith("kustomize.config.k8s.io/");
}

export {
  splitPointer,
  joinPointer,
  parseManifestText,
  isObject,
  loadManifests,
  expandEntries,
  displayPath,
  isBuildFile
};
