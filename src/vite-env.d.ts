/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of an article-JSON API (docs/api.md). Defaults to the API bundled with the build. */
  readonly VITE_API_URL?: string
}
