/**
 * The release the reader runs, shown in the footer: VITE_APP_VERSION at build time, or the package's
 * version and the build date (vite.config.ts). Two builds told apart by this is how the update prompt is
 * tested.
 */
export const APP_VERSION: string = import.meta.env.VITE_APP_VERSION || 'development'
