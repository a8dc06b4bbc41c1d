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
import "./chunk-CQTZEYZ7.js";
export {
  byRemoteBranch,
  resolveRemote
};
