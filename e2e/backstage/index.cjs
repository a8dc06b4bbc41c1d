// A real Backstage backend with only the catalog plugin, for register-catalog's end-to-end tests.
// Configuration comes from app-config.yaml plus APP_CONFIG_* overrides set by scripts/e2e.ts
// (port, fixture host, token), so one file serves every run.
const { createBackend } = require('@backstage/backend-defaults')

const backend = createBackend()
backend.add(require('@backstage/plugin-catalog-backend'))
backend.start()
