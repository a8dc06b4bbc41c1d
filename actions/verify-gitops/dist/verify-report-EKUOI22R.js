import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  ResultSet,
  annotationsReporter,
  levelOf,
  sarifReporter,
  summaryReporter
} from "./chunk-UMJIZL2K.js";
import "./chunk-CQTZEYZ7.js";

// shared/src/gitops/verify-report.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

// shared/src/runtime/markdown.ts
function markdownText(text) {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[[\]!`*_]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n\u2028\u2029]/g, " ");
}

// shared/src/gitops/verify-report.ts
function reportGate(findings, options) {
  const results = new ResultSet(findings);
  const passed = results.passes("error");
  const parts = [
    `## ${passed ? "✅" : "❌"} ${markdownText(options.title)}`,
    "",
    ...options.folders.length === 0 ? ["No service folder changed.", ""] : [
      "| Service folder | Service | Environment | Source | Result |",
      "|---|---|---|---|---|",
      ...options.folders.map((f) => {
        const failed = results.problems.some(
          (p) => levelOf(p) === "error" && (p.position?.file === f.path || p.position?.file?.startsWith(`${f.path}/`))
        );
        const r = f.record;
        return `| ${markdownText(f.path)} | ${markdownText(r?.service ?? "")} | ${markdownText(r?.environment ?? "")} | ${markdownText(f.deleted ? "(deleted)" : r?.source?.repository ?? "")} | ${failed ? "❌ refused" : "✅ verified"} |`;
      }),
      ""
    ]
  ];
  const sink = {
    annotate: (annotation) => options.logger.annotate(annotation),
    appendSummary: (markdown) => void parts.push(markdown),
    writeFile: (path, text) => {
      const absolute = resolve(options.workspace, path);
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, text);
    }
  };
  const context = { failOn: "error", sarifFile: options.sarifFile };
  if (options.annotate) annotationsReporter.write(results, context, sink);
  summaryReporter.write(results, context, sink);
  sarifReporter.write(results, context, sink);
  return { results, summary: parts.join("\n"), passed };
}
export {
  reportGate
};
