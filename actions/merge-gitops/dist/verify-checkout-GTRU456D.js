import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  byRemoteBranch,
  resolveRemote
} from "./chunk-3PLAUIAW.js";
import {
  parseRenderRecord,
  verifyChange
} from "./chunk-2FWCEXIJ.js";
import {
  GitCommandManager,
  GitopsCheckout
} from "./chunk-FIMRUAYG.js";
import "./chunk-GWN7IGE3.js";
import "./chunk-DS76NJ7D.js";
import "./chunk-J5U6FARA.js";
import "./chunk-VN52I4I3.js";
import {
  RENDER_RECORD_PATH
} from "./chunk-PULTVLQO.js";
import "./chunk-MOQFNRDJ.js";
import "./chunk-YWF356WQ.js";
import "./chunk-QRTTHIBF.js";
import "./chunk-B6TU5DWR.js";
import "./chunk-RBHNWEPJ.js";
import {
  UserError
} from "./chunk-CQTZEYZ7.js";

// shared/src/gitops/deployed-renders.ts
import { posix } from "node:path";
async function readDeployedRenders(locations, token, logger, tempRoot) {
  const out = /* @__PURE__ */ new Map();
  for (const group of byRemoteBranch(locations)) {
    const checkout = await GitopsCheckout.open({
      remote: group[0].remote,
      token,
      branch: group[0].branch,
      sparseFolders: [],
      logger,
      tempRoot
    });
    try {
      const commit = await checkout.fetchTip();
      for (const location of group) {
        const file = posix.join(location.path, RENDER_RECORD_PATH);
        const text = commit ? await checkout.readFile(commit, file) : void 0;
        const display = `${location.remote.display}@${checkout.branch}:${file}`;
        out.set(location, {
          location,
          commit,
          record: text === void 0 ? void 0 : parseRenderRecord(text, display)
        });
      }
    } finally {
      checkout.close();
    }
  }
  return locations.map((l) => out.get(l));
}

// shared/src/gitops/verify-checkout.ts
async function verifyCheckout(request) {
  const git = await GitCommandManager.create(request.worktree, request.logger);
  const resolve = async (ref, what) => {
    const sha = await git.tryRevParse(`${ref}^{commit}`);
    if (!sha)
      throw new UserError({
        message: `${what} '${ref}' is not a commit of the checkout in ${request.worktree}.`,
        hint: "Check out the GitOps repository with its history (actions/checkout with fetch-depth: 0) and pass a branch, tag or SHA it holds."
      });
    return sha;
  };
  const base = await resolve(request.base, "The base");
  const head = await resolve(request.head ?? "HEAD", "The head");
  const checkedOut = await resolve("HEAD", "HEAD");
  if (head !== checkedOut)
    throw new UserError({
      message: `The head '${request.head}' (${head.slice(0, 12)}) is not what the checkout holds (${checkedOut.slice(0, 12)}); the folders are read from the worktree.`,
      hint: "Check out the head first (actions/checkout with ref: <head>), or leave head empty."
    });
  const readElsewhere = remoteRecordReader(
    request.token,
    request.serverUrl,
    request.worktree,
    request.logger
  );
  return verifyChange({
    git,
    worktree: request.worktree,
    base,
    head,
    platform: request.platform,
    platformFile: request.platformFile,
    policies: request.policies,
    crds: request.crds,
    platformAuthors: request.platformAuthors,
    readElsewhere,
    logger: request.logger
  });
}
function remoteRecordReader(token, serverUrl, workspace, logger) {
  return (locations) => readDeployedRenders(
    locations.map((l) => ({ ...l, remote: resolveRemote(l.remote.url, serverUrl, workspace) })),
    token,
    logger
  );
}
export {
  remoteRecordReader,
  verifyCheckout
};
