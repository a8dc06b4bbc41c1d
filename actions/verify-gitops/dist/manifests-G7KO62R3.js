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
} from "./chunk-4TJQ74W5.js";
import "./chunk-FLOR4JXI.js";
import "./chunk-MOQFNRDJ.js";
import "./chunk-D3JQWYZC.js";
import "./chunk-UVEOR3I6.js";
import "./chunk-CQTZEYZ7.js";
export {
  displayPath,
  expandEntries,
  isBuildFile,
  loadManifests
};
