// Kept apart from validate.ts (which loads @backstage/catalog-model) so that the catalog command's
// input defaults are known without loading the catalog model at start-up.

/** The kinds a catalog location may hold unless the caller says otherwise (`catalog.rules`). */
export const DEFAULT_ALLOWED_KINDS = ['Component', 'Resource', 'API', 'System'] as const
