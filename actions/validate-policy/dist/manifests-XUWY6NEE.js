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
  isObject,
  joinPointer,
  loadManifests,
  parseManifestText,
  splitPointer
} from "./chunk-QS3F2LJB.js";
import "./chunk-NSSYNY53.js";
export {
  displayPath,
  expandEntries,
  isBuildFile,
  isObject,
  joinPointer,
  loadManifests,
  parseManifestText,
  splitPointer
};
