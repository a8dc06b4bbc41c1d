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
} from "./chunk-EVW3AYBC.js";
import "./chunk-D3JQWYZC.js";
import "./chunk-UVEOR3I6.js";
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
