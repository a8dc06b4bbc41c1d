import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  DEFAULT_GIT_LIMITS,
  GitopsCheckout,
  RENDER_RECORD_PATH,
  byRemoteBranch,
  markdownCode,
  markdownLink,
  markdownText,
  parseRenderRecord,
  resolveGitopsTarget,
  resolveRemote
} from "./chunk-U7BUYDVX.js";
import {
  UserError,
  isDnsLabel,
  isUserError
} from "./chunk-CSL3HK72.js";

// shared/src/gitops/render-records.ts
import { posix } from "node:path";

// shared/src/gitops/render-guard.ts
function parseRenderRecord2(text, display) {
  return parseRenderRecord(text, display, ["service", "environment", "digest", "images", "source"]);
}

// shared/src/gitops/render-records.ts
async function readServiceRecords(environments, services, token, logger, gitLimits) {
  const records = [];
  for (const group of byRemoteBranch(environments)) {
    const checkout = await GitopsCheckout.open({
      remote: group[0].remote,
      token,
      branch: group[0].branch,
      sparseFolders: [],
      logger,
      gitLimits
    });
    try {
      const commit = await checkout.fetchTip();
      if (!commit) continue;
      for (const env of group) {
        const names = services ?? await checkout.git.lsTreeFolders(commit, env.prefix);
        for (const service of names.filter(isDnsLabel).sort()) {
          const file = posix.join(env.prefix, service, env.suffix, RENDER_RECORD_PATH);
          const display = `${env.remote.display}@${checkout.branch}:${file}`;
          const text = await checkout.readFile(commit, file);
          if (text === void 0) continue;
          const base = { environment: env.environment, service, display, commit };
          try {
            records.push({ ...base, record: parseRenderRecord2(text, display) });
          } catch (error) {
            if (!isUserError(error)) throw error;
            records.push({ ...base, problem: error.message });
          }
        }
      }
    } finally {
      checkout.close();
    }
  }
  return records;
}

// shared/src/status/status.ts
var DAY_MS = 24 * 60 * 60 * 1e3;
var PROBE = "idp-status-probe-0";
function environmentFolders(platform, options) {
  return platform.spec.environments.map((env) => {
    const target = resolveGitopsTarget(platform, env.name, options.service ?? PROBE);
    const repository = options.repository ?? target.repository;
    if (!repository)
      throw new UserError({
        message: `No GitOps repository for ${env.name}: the platform config names none.`,
        hint: "Give --repository (owner/name or a URL), or set spec.gitops.repository."
      });
    const segments = target.path.split("/");
    const at = segments.indexOf(options.service ?? PROBE);
    if (at < 0)
      throw new UserError({
        message: `The GitOps path of ${env.name} (${target.path}) does not hold the service as a folder of its own.`,
        hint: "Give --service to read one service."
      });
    return {
      environment: env.name,
      remote: resolveRemote(repository, options.serverUrl, options.workspace),
      branch: target.branch,
      prefix: segments.slice(0, at).join("/"),
      suffix: segments.slice(at + 1).join("/")
    };
  });
}
var sameRelease = (a, b) => a.source.commit === b.source.commit && JSON.stringify(Object.entries(a.images).sort()) === JSON.stringify(Object.entries(b.images).sort());
function compare(first, record) {
  const base = {
    environment: record.environment,
    images: record.images,
    commit: record.source.commit,
    commitTime: record.source.commitTime,
    repository: record.source.repository,
    runNumber: record.source.runNumber,
    runUrl: record.source.runUrl
  };
  if (!first || sameRelease(first, record)) return { ...base, comparison: "same" };
  const firstTime = Date.parse(first.source.commitTime ?? "");
  const ownTime = Date.parse(record.source.commitTime ?? "");
  if (Number.isNaN(firstTime) || Number.isNaN(ownTime)) return { ...base, comparison: "different" };
  if (ownTime > firstTime) return { ...base, comparison: "ahead" };
  return {
    ...base,
    comparison: "behind",
    daysBehind: Math.floor((firstTime - ownTime) / DAY_MS)
  };
}
function statusReport(environments, records, options) {
  const services = [...new Set(records.map((r) => r.service))].sort();
  return {
    environments,
    staleDays: options.staleDays,
    services: services.map((service) => {
      const own = new Map(records.filter((r) => r.service === service).map((r) => [r.environment, r]));
      const firstRecord = own.get(environments[0])?.record;
      const rows = environments.map((environment, index) => {
        const found = own.get(environment);
        if (!found) return { environment, comparison: "absent" };
        if (!found.record) return { environment, comparison: "absent", problem: found.problem };
        const row = {
          ...compare(firstRecord, found.record),
          environment,
          gitopsCommit: found.commit
        };
        return index === 0 ? { ...row, comparison: "first" } : row;
      });
      const times = rows.map((r) => Date.parse(r.commitTime ?? "")).filter((t) => !Number.isNaN(t));
      const newest = times.length > 0 ? Math.max(...times) : void 0;
      const idleDays = newest === void 0 ? void 0 : Math.floor((options.now.getTime() - newest) / DAY_MS);
      return {
        service,
        environments: rows,
        idleDays,
        stale: idleDays === void 0 || idleDays >= options.staleDays
      };
    })
  };
}
function shortImage(reference) {
  const name = reference.slice(reference.lastIndexOf("/") + 1);
  return name.replace(/@sha256:([0-9a-f]{12})[0-9a-f]*$/, "@sha256:$1");
}
function describeComparison(row, first) {
  if (row.problem) return "unreadable record";
  switch (row.comparison) {
    case "first":
      return "";
    case "same":
      return `same as ${first}`;
    case "behind":
      return `behind ${first}${row.daysBehind ? ` by ${row.daysBehind}d` : ""}`;
    case "ahead":
      return `ahead of ${first}`;
    case "different":
      return `differs from ${first}`;
    case "absent":
      return "not deployed";
  }
}
function formatStatusMarkdown(report) {
  const first = report.environments[0] ?? "";
  const lines = [];
  for (const service of report.services) {
    lines.push(
      `#### ${markdownText(service.service)}`,
      "",
      `| environment | images | commit | when | run | vs ${markdownText(first)} |`,
      "|---|---|---|---|---|---|"
    );
    for (const row of service.environments) {
      const images = row.images ? Object.values(row.images).map((i) => markdownCode(shortImage(i))).join("<br>") : "—";
      const run = row.runNumber === void 0 ? "—" : markdownLink(`#${row.runNumber}`, row.runUrl);
      const cells = [
        markdownText(row.environment),
        images,
        row.commit ? markdownCode(row.commit.slice(0, 7)) : "—",
        row.commitTime ? markdownText(row.commitTime) : "—",
        run,
        markdownText(describeComparison(row, first)) || "—"
      ];
      lines.push(`| ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  const stale = report.services.filter((s) => s.stale).map((s) => s.service);
  if (stale.length > 0)
    lines.push(
      `Not promoted for ${report.staleDays} days or more: ${stale.map(markdownText).join(", ")}.`
    );
  return lines.join("\n").trimEnd();
}

// shared/src/status/catalog-status.ts
var TITLE = "### What runs where";
var StatusTimeout = class extends Error {
};
async function serviceStatusSection(options) {
  let where = options.repository ?? "the GitOps repository";
  let timer;
  try {
    const folders = environmentFolders(options.platform, {
      repository: options.repository,
      serverUrl: options.serverUrl,
      workspace: options.workspace,
      service: options.service
    });
    where = [...new Set(folders.map((f) => f.remote.display))].join(", ");
    const limits = {
      ...DEFAULT_GIT_LIMITS,
      commandTimeoutMs: options.timeoutMs,
      lowSpeedTime: Math.max(1, Math.min(DEFAULT_GIT_LIMITS.lowSpeedTime, options.timeoutMs / 1e3))
    };
    const read = readServiceRecords(
      folders,
      [options.service],
      options.token,
      options.logger,
      limits
    );
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new StatusTimeout()), options.timeoutMs);
    });
    const records = await Promise.race([read, timeout]);
    const report = statusReport(
      folders.map((f) => f.environment),
      records,
      { staleDays: options.staleDays, now: options.now }
    );
    return `${TITLE}

${formatStatusMarkdown(report)}
`;
  } catch (error) {
    const reason = error instanceof StatusTimeout ? `reading ${where} took longer than ${Math.round(options.timeoutMs / 1e3)} s (raise status-timeout).` : `${where} could not be read: ${isUserError(error) ? error.message : String(error instanceof Error ? error.message : error)}`;
    options.logger.warning(`No status table in the summary: ${reason}`);
    return `${TITLE}

No status table: ${reason}
`;
  } finally {
    clearTimeout(timer);
  }
}
export {
  serviceStatusSection
};
