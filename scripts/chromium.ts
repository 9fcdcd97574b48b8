import { chromium, type Browser, type LaunchOptions } from 'playwright-core'

/** Flags for Debian's Chromium in a container with no outside network (see the toolchain notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium'

/**
 * How the browser tests, the bench and the screenshot script launch Chromium. It lives under scripts/
 * (no vitest in here) so that scripts never import from tests/.
 */
export const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions)
}
