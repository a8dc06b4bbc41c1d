import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)

// shared/src/runtime/control-characters.ts
var OTHERS = "\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
var LINE_CONTROL = new RegExp(`[\\u0000-\\u001f${OTHERS}]`);
var TEXT_CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${OTHERS}]`);

export {
  LINE_CONTROL,
  TEXT_CONTROL
};
