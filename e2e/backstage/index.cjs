// A real Backstage backend with the catalog and scaffolder plugins, for the end-to-end tests of
// register-catalog (catalog API) and of the software template in templates/ (scaffolder dry-run API).
// Configuration comes from app-config.yaml plus APP_CONFIG_* overrides set by scripts/e2e.ts
// (port, fixture host, token), so one file serves every run.
const { createBackend } = require('@backstage/backend-defaults')

const backend = createBackend()
backend.add(require('@backstage/plugin-catalog-backend'))
// The Template kind, so the catalog accepts templates/template.yaml as Backstage offers it in Create.
backend.add(require('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'))
backend.add(require('@backstage/plugin-scaffolder-backend'))
// publish:github and publish:github:pull-request: the template's steps must name registered actions
// even in a dry run, which skips them.
backend.add(require('@backstage/plugin-scaffolder-backend-module-github'))
backend.start()
