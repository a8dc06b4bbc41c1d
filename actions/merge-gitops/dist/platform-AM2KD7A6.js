import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  DEFAULT_GITOPS_PATH,
  DEFAULT_IDENTITY_ISSUER,
  displayPath,
  environmentConfig,
  loadPlatform,
  loadPlatformConfig,
  namespaceFor,
  namespacePatternProblem,
  requiredIdentity,
  resolveGitopsTarget,
  selectEnvironments
} from "./chunk-DS76NJ7D.js";
import "./chunk-J5U6FARA.js";
import "./chunk-VN52I4I3.js";
import "./chunk-QRTTHIBF.js";
import "./chunk-B6TU5DWR.js";
import "./chunk-RBHNWEPJ.js";
import "./chunk-CQTZEYZ7.js";
export {
  DEFAULT_GITOPS_PATH,
  DEFAULT_IDENTITY_ISSUER,
  displayPath,
  environmentConfig,
  loadPlatform,
  loadPlatformConfig,
  namespaceFor,
  namespacePatternProblem,
  requiredIdentity,
  resolveGitopsTarget,
  selectEnvironments
};
