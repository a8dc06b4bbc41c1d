import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  UserError,
  inputRef,
  inputRefStart
} from "./chunk-CQTZEYZ7.js";

// shared/src/gitops/remote.ts
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
var OWNER_NAME = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9_.-]+)$/;
function resolveRemote(repository, serverUrl, workspace) {
  const value = repository.trim();
  const shorthand = OWNER_NAME.exec(value);
  if (shorthand && !existsSync(resolve(workspace, value))) {
    const [, owner, name] = shorthand;
    const repo = name.replace(/\.git$/, "");
    const server = serverUrl.replace(/\/+$/, "");
    return {
      url: `${server}/${owner}/${repo}.git`,
      display: `${owner}/${repo}`,
      github: { owner, repo }
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url;
    try {
      url = new URL(value);
    } catch {
      throw new UserError({
        message: `${inputRefStart("repository")} is not a valid URL: '${value}'.`,
        hint: "Use owner/name, an https:// or file:// URL, or a path."
      });
    }
    if (url.username || url.password) {
      throw new UserError({
        message: `${inputRefStart("repository")} must not contain credentials.`,
        hint: `Give the URL without user:password@ and pass the token as ${inputRef("token")}.`
      });
    }
    if (!["https:", "http:", "file:"].includes(url.protocol)) {
      throw new UserError({
        message: `${inputRefStart("repository")} uses ${url.protocol.replace(":", "")}://, which promote does not support.`,
        hint: "Use owner/name, an https:// or file:// URL, or a path."
      });
    }
    const segments = url.pathname.replace(/\.git$/, "").split("/").filter(Boolean);
    const github = url.protocol !== "file:" && segments.length >= 2 ? { owner: segments[segments.length - 2], repo: segments[segments.length - 1] } : void 0;
    return { url: url.href, display: url.protocol === "file:" ? url.pathname : url.href, github };
  }
  if (/^[\w.-]+@[\w.-]+:/.test(value)) {
    throw new UserError({
      message: `${inputRefStart("repository")} is an SSH address ('${value}'); promote talks HTTPS with a token.`,
      hint: "Use owner/name or an https:// URL."
    });
  }
  const path = isAbsolute(value) ? value : resolve(workspace, value);
  if (!existsSync(path)) {
    throw new UserError({
      message: `${inputRefStart("repository")} is neither owner/name nor a URL, and no folder '${value}' exists.`,
      hint: "Use owner/name, an https:// or file:// URL, or the path of a git repository."
    });
  }
  return { url: pathToFileURL(path).href, display: path };
}
function byRemoteBranch(items) {
  const groups = /* @__PURE__ */ new Map();
  for (const item of items) {
    const key = `${item.remote.url}#${item.branch ?? ""}`;
    groups.set(key, [...groups.get(key) ?? [], item]);
  }
  return [...groups.values()];
}

export {
  resolveRemote,
  byRemoteBranch
};
