#!/usr/bin/env node
// The `idp` binary of the published package: the bundle built by scripts/build.mjs (npm pack runs it).
import '../dist/idp.js'
