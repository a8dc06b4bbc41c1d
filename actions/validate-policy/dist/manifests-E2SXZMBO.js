import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  displayPath,
  expandEntries,
  isBuildFile,
  loadManifests
} from "./chunk-Q2YJIWYR.js";
import "./chunk-OZORUMC5.js";
export {
  displayPath,
  expandEntries,
  isBuildFile,
  loadManifests
};
