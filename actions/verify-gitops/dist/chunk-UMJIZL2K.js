import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  currentSurface,
  formatPosition
} from "./chunk-CQTZEYZ7.js";

// shared/src/policy/result-set.ts
function levelOf(finding) {
  if (finding.result === "pass" || finding.result === "skip") return "none";
  const bySeverity = finding.severity === "error" ? "error" : finding.severity === "warning" ? "warning" : "notice";
  if (finding.result === "warn" && bySeverity === "error") return "warning";
  return bySeverity;
}
var LEVEL_RANK = { error: 0, warning: 1, notice: 2, none: 3 };
function compareFindings(a, b) {
  return LEVEL_RANK[levelOf(a)] - LEVEL_RANK[levelOf(b)] || cmp(a.position?.file ?? "", b.position?.file ?? "") || (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0) || cmp(a.policy, b.policy) || cmp(a.rule, b.rule) || cmp(a.message, b.message);
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var ResultSet = class {
  findings;
  /** Results as in a PolicyReport summary. */
  counts;
  errors;
  warnings;
  notices;
  constructor(findings) {
    this.findings = [...findings].sort(compareFindings);
    const counts = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    let errors = 0;
    let warnings = 0;
    let notices = 0;
    for (const f of this.findings) {
      counts[f.result]++;
      const level = levelOf(f);
      if (level === "error") errors++;
      else if (level === "warning") warnings++;
      else if (level === "notice") notices++;
    }
    this.counts = counts;
    this.errors = errors;
    this.warnings = warnings;
    this.notices = notices;
  }
  /** Findings a reviewer should see (everything but passes and skips), most severe first. */
  get problems() {
    return this.findings.filter((f) => levelOf(f) !== "none");
  }
  /** Whether the run passes under `fail-on`. */
  passes(failOn) {
    if (failOn === "never") return true;
    if (failOn === "warning") return this.errors + this.warnings === 0;
    return this.errors === 0;
  }
  exitCode(failOn) {
    return this.passes(failOn) ? 0 : 1;
  }
  /** One line for the step's failure message and the CLI. */
  describe(failOn) {
    const parts = [
      `${this.errors} error${this.errors === 1 ? "" : "s"}`,
      `${this.warnings} warning${this.warnings === 1 ? "" : "s"}`,
      `${this.counts.pass} passed`
    ];
    const verdict = this.passes(failOn) ? "Policy validation passed" : `Policy validation failed (fail-on: ${failOn})`;
    return `${verdict}: ${parts.join(", ")}.`;
  }
};

// shared/src/policy/reporters/annotations.ts
var ANNOTATIONS_PER_LEVEL = 10;
function annotationsFor(results, options = {}) {
  const problems = results.problems;
  if (currentSurface() === "cli")
    return problems.flatMap((f) => {
      const level = levelOf(f);
      return level === "none" ? [] : [annotationOf(f, level)];
    });
  const byLevel = { error: [], warning: [], notice: [] };
  for (const f of problems) {
    const level = levelOf(f);
    if (level !== "none") byLevel[level].push(f);
  }
  const overflowing = byLevel.error.length > ANNOTATIONS_PER_LEVEL || byLevel.warning.length > ANNOTATIONS_PER_LEVEL || byLevel.notice.length > ANNOTATIONS_PER_LEVEL;
  const noticeSlots = overflowing ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
  const emitted = [
    ...byLevel.error.slice(0, ANNOTATIONS_PER_LEVEL).map((f) => annotationOf(f, "error")),
    ...byLevel.warning.slice(0, ANNOTATIONS_PER_LEVEL).map((f) => annotationOf(f, "warning")),
    ...byLevel.notice.slice(0, noticeSlots).map((f) => annotationOf(f, "notice"))
  ];
  if (overflowing) {
    const more = problems.length - emitted.length;
    const where = ["the job summary"];
    if (options.sarifFile) where.push(`the SARIF file ${options.sarifFile}`);
    if (options.reportFile) where.push(`the PolicyReport ${options.reportFile}`);
    emitted.push({
      level: "notice",
      title: "More findings",
      message: `${more} more finding${more === 1 ? " is" : "s are"} not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level and step); all ${problems.length} are in ${joinList(where)}.`
    });
  }
  return emitted;
}
function annotationOf(finding, level) {
  const mapped = finding.position && finding.manifest && finding.position.file !== finding.manifest.file;
  const rendered = finding.manifest ? `${finding.manifest.file}${finding.manifest.line ? `:${finding.manifest.line}` : ""}${finding.manifest.pointer ? ` (${finding.manifest.pointer})` : ""}` : void 0;
  const resource = finding.resource ? `${finding.resource.kind}${finding.resource.name ? ` ${finding.resource.name}` : ""}` : void 0;
  const context = [
    finding.environment ? `environment ${finding.environment}` : void 0,
    resource,
    mapped ? `rendered ${rendered}` : void 0
  ].filter(Boolean);
  return {
    level,
    // The rule id matches the README section and the SARIF rule; the policy's own severity helps triage.
    title: `${finding.policy}/${finding.rule}${finding.policySeverity ? ` (${finding.policySeverity})` : ""}`,
    message: clip(
      context.length > 0 ? `${finding.message}
${context.join(" · ")}` : finding.message
    ),
    ...finding.position ? { position: finding.position } : {}
  };
}
var ANNOTATION_MAX_CHARS = 4e3;
function clip(message) {
  return message.length <= ANNOTATION_MAX_CHARS ? message : `${message.slice(0, ANNOTATION_MAX_CHARS - 1)}…`;
}
function joinList(items) {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
var annotationsReporter = {
  name: "annotations",
  write: (results, context, sink) => {
    for (const annotation of annotationsFor(results, context)) sink.annotate(annotation);
  }
};

// shared/src/policy/reporters/sarif.ts
import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
var SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
var SARIF_TOOL_NAME = "idp validate-policy";
var SARIF_CATEGORY = "idp-policy/";
var SARIF_MAX_RESULTS = 25e3;
var SARIF_LEVEL = { error: "error", warning: "warning", notice: "note" };
function ruleIdOf(finding) {
  return `${finding.policy}/${finding.rule}`;
}
function sarifLog(results) {
  const rules = /* @__PURE__ */ new Map();
  for (const f of results.findings) if (!rules.has(ruleIdOf(f))) rules.set(ruleIdOf(f), f);
  const ruleIds = [...rules.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const problems = results.problems;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            rules: ruleIds.map((id) => ruleOf(id, rules.get(id)))
          }
        },
        automationDetails: { id: SARIF_CATEGORY },
        results: problems.slice(0, SARIF_MAX_RESULTS).map((f) => resultOf(f, index.get(ruleIdOf(f)))),
        ...problems.length > SARIF_MAX_RESULTS ? { properties: { omittedResults: problems.length - SARIF_MAX_RESULTS } } : {}
      }
    ]
  };
}
function ruleOf(id, f) {
  const title = f.title ?? `${f.policy} ${f.rule}`;
  const help = f.help ?? title;
  return {
    id,
    name: id.split(/[^A-Za-z0-9]+/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(""),
    shortDescription: { text: title },
    fullDescription: { text: help },
    help: { text: help },
    defaultConfiguration: { level: SARIF_LEVEL[f.severity === "info" ? "notice" : f.severity] },
    properties: {
      tags: [f.source, ...f.category ? [f.category] : []],
      ...f.policySeverity ? { "problem.severity": f.policySeverity } : {}
    }
  };
}
function resultOf(f, ruleIndex) {
  const level = levelOf(f);
  const position = f.position ?? (f.manifest ? { file: f.manifest.file, line: f.manifest.line ?? 1, column: f.manifest.column ?? 1 } : void 0);
  const result = {
    ruleId: ruleIdOf(f),
    ruleIndex,
    level: level === "none" ? "none" : SARIF_LEVEL[level],
    message: { text: messageOf(f) },
    partialFingerprints: { "idpFinding/v1": fingerprintOf(f) }
  };
  if (position) {
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(position.file) },
          region: {
            startLine: Math.max(1, position.line),
            startColumn: Math.max(1, position.column)
          }
        }
      }
    ];
  }
  const properties = {};
  if (f.environment) properties.environment = f.environment;
  if (f.manifest)
    properties.manifest = `${f.manifest.file}${f.manifest.pointer ? `#${f.manifest.pointer}` : ""}`;
  if (f.resource) properties.resource = `${f.resource.kind}/${f.resource.name}`;
  if (Object.keys(properties).length > 0) result.properties = properties;
  return result;
}
function messageOf(f) {
  const mapped = f.manifest && f.position && f.manifest.file !== f.position.file;
  return mapped ? `${f.message} (rendered: ${f.manifest.file}${f.manifest.pointer ? ` ${f.manifest.pointer}` : ""})` : f.message;
}
function fingerprintOf(f) {
  const r = f.resource;
  const key = [
    ruleIdOf(f),
    f.environment ?? "",
    r ? `${r.apiVersion}/${r.kind}/${r.namespace ?? ""}/${r.name}` : f.manifest?.file ?? "",
    f.manifest?.pointer ?? ""
  ].join("|");
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}
function uriOf(file) {
  return isAbsolute(file) ? pathToFileURL(file).href : file.split("/").map(encodeURIComponent).join("/");
}
var sarifReporter = {
  name: "sarif",
  write: (results, context, sink) => {
    if (context.sarifFile)
      sink.writeFile(context.sarifFile, JSON.stringify(sarifLog(results), null, 2) + "\n");
  }
};

// shared/src/policy/reporters/summary.ts
var SUMMARY_BUDGET_BYTES = 1024 * 1024 - 16 * 1024;
function summaryMarkdown(results, options) {
  const budget = options.budgetBytes ?? SUMMARY_BUDGET_BYTES;
  const rows = rowsOf(results.findings);
  const icon = results.passes(options.failOn) ? "✅" : "❌";
  const head = [`### ${icon} ${escape(results.describe(options.failOn))}`, ""];
  const tables = [];
  for (const environment of [...new Set(rows.map((r) => r.environment))]) {
    tables.push(`#### Environment: ${escape(environment)}`, "");
    tables.push("| Resource | Errors | Warnings | Notices | Passed |", "|---|---:|---:|---:|---:|");
    for (const r of rows.filter((r2) => r2.environment === environment))
      tables.push(
        `| ${escape(r.resource)} | ${r.errors} | ${r.warnings} | ${r.notices} | ${r.passed} |`
      );
    tables.push("");
  }
  const details = [];
  for (const r of rows.filter((r2) => r2.problems.length > 0)) {
    const counts = [
      r.errors ? `${r.errors} error${r.errors === 1 ? "" : "s"}` : "",
      r.warnings ? `${r.warnings} warning${r.warnings === 1 ? "" : "s"}` : "",
      r.notices ? `${r.notices} notice${r.notices === 1 ? "" : "s"}` : ""
    ].filter(Boolean);
    const lines = [
      `<details><summary>${escape(r.environment)} · ${escape(r.resource)}: ${counts.join(", ")}</summary>`,
      "",
      ...r.problems.map(problemLine),
      "",
      "</details>",
      ""
    ];
    details.push(lines.join("\n"));
  }
  const where = [
    options.sarifFile ? `SARIF: \`${options.sarifFile}\`` : "",
    options.reportFile ? `PolicyReport: \`${options.reportFile}\`` : ""
  ].filter(Boolean);
  const tail = where.length > 0 ? `Complete results — ${where.join(" · ")}` : "";
  const out = [...head];
  let size = bytes(out.join("\n")) + bytes(tail) + 512;
  let rowsCut = 0;
  for (const line of tables) {
    if (size + bytes(line) + 1 > budget) {
      rowsCut++;
      continue;
    }
    out.push(line);
    size += bytes(line) + 1;
  }
  if (rowsCut > 0) out.push(`_${rowsCut} table lines left out to stay under 1 MiB._`, "");
  let detailsCut = 0;
  for (const block of details) {
    if (size + bytes(block) + 1 > budget) {
      detailsCut++;
      continue;
    }
    out.push(block);
    size += bytes(block) + 1;
  }
  if (detailsCut > 0)
    out.push(
      `_Details of ${detailsCut} more resource${detailsCut === 1 ? "" : "s"} left out to stay under 1 MiB${where.length > 0 ? "; see the files below" : ""}._`,
      ""
    );
  if (tail) out.push(tail);
  return out.join("\n").trimEnd() + "\n";
}
function rowsOf(findings) {
  const rows = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const environment = f.environment ?? "(no environment)";
    const resource = f.resource ? `${f.resource.kind} ${f.resource.name || "(unnamed)"}` : f.manifest?.file ?? f.position?.file ?? "(no resource)";
    const key = `${environment}\0${resource}`;
    let row = rows.get(key);
    if (!row) {
      row = { environment, resource, errors: 0, warnings: 0, notices: 0, passed: 0, problems: [] };
      rows.set(key, row);
    }
    const level = levelOf(f);
    if (f.result === "pass") row.passed++;
    if (level === "none") continue;
    row.problems.push(f);
    if (level === "error") row.errors++;
    else if (level === "warning") row.warnings++;
    else row.notices++;
  }
  return [...rows.values()].sort(
    (a, b) => a.environment.localeCompare(b.environment) || a.resource.localeCompare(b.resource)
  );
}
function problemLine(f) {
  const where = f.position ? ` ${escape(formatPosition(f.position))}` : "";
  const rendered = f.manifest && f.position && f.manifest.file !== f.position.file ? ` (rendered: ${escape(f.manifest.file)}${f.manifest.pointer ? ` \`${f.manifest.pointer}\`` : ""})` : "";
  return `- **${levelOf(f)}** \`${f.policy}/${f.rule}\`${where} — ${escape(f.message)}${rendered}`;
}
function escape(text) {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, " ");
}
function bytes(text) {
  return Buffer.byteLength(text, "utf8");
}
var summaryReporter = {
  name: "summary",
  write: (results, context, sink) => sink.appendSummary(summaryMarkdown(results, context))
};

export {
  levelOf,
  ResultSet,
  annotationsReporter,
  sarifReporter,
  summaryReporter
};
