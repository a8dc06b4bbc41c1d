import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  promote,
  readIncomingRecord
} from "./chunk-FNAH22MD.js";
import "./chunk-N4WKYIF2.js";
import "./chunk-P774GGE4.js";
import "./chunk-BEPZNKYW.js";
import "./chunk-763CVXX6.js";
export {
  promote,
  readIncomingRecord
};
