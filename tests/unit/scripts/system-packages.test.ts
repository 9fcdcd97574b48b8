// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  ensureSystemPackages,
  type PackageGroup,
  type PackageHost,
} from '../../e2e/support/system-packages'

/**
 * The browser tests' package check (tests/e2e/support/system-packages.ts), on a pretend machine:
 * what it runs as root, what it tells anyone else, and that it does nothing when all is there.
 */
function machine(isRoot: boolean, installed: Set<string>) {
  const commands: string[] = []
  const host: PackageHost = {
    isRoot,
    run(command, args) {
      commands.push(`${command} ${args.join(' ')}`)
      const install = args[0] === 'install'
      if (install)
        for (const name of args.filter((arg) => !arg.startsWith('-'))) installed.add(name)
      return 0
    },
    log: () => {},
  }
  return { host, commands }
}

const group = (
  name: string,
  packages: string[],
  installed: Set<string>,
  noRecommends = false,
): PackageGroup => ({
  name,
  packages,
  noRecommends,
  missing: () => packages.filter((item) => !installed.has(item)),
})

describe('ensureSystemPackages', () => {
  it('runs nothing when every group is installed', () => {
    const installed = new Set(['chromium', 'nginx'])
    const { host, commands } = machine(true, installed)
    ensureSystemPackages([group('Chromium', ['chromium'], installed)], host)
    expect(commands).toEqual([])
  })

  it('as root, updates and installs the groups with something missing, Recommends left out where asked', () => {
    const installed = new Set(['nginx', 'php-cli'])
    const { host, commands } = machine(true, installed)
    ensureSystemPackages(
      [
        group('Chromium', ['chromium'], installed),
        group('nginx', ['nginx'], installed),
        group('WordPress', ['wordpress', 'php-cli', 'mariadb-server'], installed, true),
      ],
      host,
    )
    expect(commands).toEqual([
      'apt-get update',
      'apt-get install -y chromium',
      'apt-get install -y --no-install-recommends wordpress php-cli mariadb-server',
    ])
  })

  it('not root, stops at once naming the one command that installs what is missing', () => {
    const installed = new Set<string>()
    const { host, commands } = machine(false, installed)
    const groups = [group('WordPress', ['wordpress', 'mariadb-server'], installed, true)]
    expect(() => ensureSystemPackages(groups, host)).toThrow(
      'The browser tests need WordPress (wordpress, mariadb-server). Install them as root with:\n' +
        '  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wordpress mariadb-server',
    )
    expect(commands).toEqual([])
  })

  it('fails when apt-get installed the packages but something is still missing', () => {
    const { host } = machine(true, new Set())
    const broken: PackageGroup = {
      name: 'nginx',
      packages: ['nginx'],
      missing: () => ['/opt/nginx'],
    }
    expect(() => ensureSystemPackages([broken], host)).toThrow(
      'Still missing after apt-get: nginx (/opt/nginx)',
    )
  })
})
