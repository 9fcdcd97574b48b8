import { mkdtemp, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buildProduction } from './production-build.ts'

/**
 * The floor app: the least a page of our stack can ship. React, react-dom, React Router's data router
 * (createBrowserRouter + RouterProvider) and TanStack Query, at the versions this repo installs, rendering
 * one line. Built in a temp folder with this repo's node_modules (a symlink) and the app's build target,
 * so the ratio "our first route / the floor" measures only what the app adds.
 */
const FILES: Record<string, string> = {
  'vite.config.ts': `import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({ plugins: [react()], build: { target: 'es2022' } })
`,
  'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Floor</title></head>
  <body><div id="root"></div><script type="module" src="/main.tsx"></script></body>
</html>
`,
  'main.tsx': `import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createRoot } from 'react-dom/client'
import { createBrowserRouter, RouterProvider } from 'react-router'

const queryClient = new QueryClient()
const router = createBrowserRouter([{ path: '/', element: <p>Floor</p> }])

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <RouterProvider router={router} />
  </QueryClientProvider>,
)
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: { jsx: 'react-jsx', module: 'ESNext', moduleResolution: 'bundler' },
  }),
}

/** Writes and builds the floor app; returns its folder, with the build in `dist/`. */
export async function buildFloor(root: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-bench-floor-'))
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  for (const [name, text] of Object.entries(FILES)) await writeFile(path.join(dir, name), text)
  await buildProduction(path.join(dir, 'dist'), { root: dir })
  return dir
}
