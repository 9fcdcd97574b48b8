/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />

interface ImportMetaEnv {
  /** Base URL of an article-JSON API (docs/api.md). Defaults to the API bundled with the build. */
  readonly VITE_API_URL?: string
  /** The release shown in the footer; vite.config.ts defaults it to the package version and build date. */
  readonly VITE_APP_VERSION?: string
  /** A fingerprint of the API schemas, set by vite.config.ts: the device cache's version. */
  readonly VITE_DATA_SCHEMA: string
  /** The newsroom's name and the line under every page, set by vite.config.ts (scripts/site-identity.ts). */
  readonly VITE_SITE_NAME: string
  readonly VITE_SITE_NOTE: string
}
