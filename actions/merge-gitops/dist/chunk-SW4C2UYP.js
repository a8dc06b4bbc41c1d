import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)

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

export {
  levelOf,
  ResultSet
};
