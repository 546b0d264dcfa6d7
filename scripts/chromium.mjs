// Which Chromium the e2e tests and benchmarks launch, decided in one place:
// CHROMIUM_PATH when set, else Playwright's own Chromium when installed (`npx playwright install chromium`),
// else the system's (Debian's /usr/bin/chromium). Plain JavaScript so that check-prereqs.mjs can use it
// before anything is compiled.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** The executable Playwright installs for this playwright-core version, or undefined when it can't say. */
function playwrightChromium() {
  try {
    return createRequire(import.meta.url)('playwright-core').chromium.executablePath();
  } catch {
    return undefined; // playwright-core not installed yet (before `npm install`)
  }
}

/**
 * @param {{ env?: Record<string, string | undefined>, playwright?: string, system?: string }} [where]
 *   the environment and the two candidate paths (defaults: this process, playwright-core's, SYSTEM_CHROMIUM)
 * @returns {{ path: string, source: 'CHROMIUM_PATH' | 'Playwright' | 'system', found: boolean }}
 */
export function resolveChromium({
  env = process.env,
  playwright = playwrightChromium(),
  system = SYSTEM_CHROMIUM,
} = {}) {
  if (env.CHROMIUM_PATH)
    return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH', found: existsSync(env.CHROMIUM_PATH) };
  if (playwright && existsSync(playwright)) return { path: playwright, source: 'Playwright', found: true };
  return { path: system, source: 'system', found: existsSync(system) };
}

/** The path to hand to chromium.launch({ executablePath }). */
export function chromiumPath() {
  return resolveChromium().path;
}
