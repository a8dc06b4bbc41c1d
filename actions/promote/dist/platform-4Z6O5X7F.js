import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  DEFAULT_GITOPS_PATH,
  displayPath,
  environmentConfig,
  loadPlatform,
  loadPlatformConfig,
  namespaceFor,
  namespacePatternProblem,
  resolveGitopsTarget,
  selectEnvironments
} from "./chunk-WD7SL66B.js";
import "./chunk-DKWNSWDZ.js";
import "./chunk-ZBY2F766.js";
import "./chunk-XKPS7JQV.js";
export {
  DEFAULT_GITOPS_PATH,
  displayPath,
  environmentConfig,
  loadPlatform,
  loadPlatformConfig,
  namespaceFor,
  namespacePatternProblem,
  resolveGitopsTarget,
  selectEnvironments
};
