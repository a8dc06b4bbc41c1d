/** The idp version recorded in every render; a test keeps it equal to package.json's. */
export const IDP_VERSION = '0.1.0'
