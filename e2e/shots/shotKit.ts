// What the screenshot scripts share: Debian's (or CHROMIUM_PATH's) Chromium with the tests' flags, and PNGs
// palette-quantised to stay small in the repository.
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_ARGS } from '../../playwright.config';

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Screenshot the page into `<outDir>/<name>.png` and print its size. */
export async function shot(page: Page, outDir: string, name: string): Promise<void> {
  const file = join(outDir, `${name}.png`);
  const info = await sharp(await page.screenshot())
    .png({ palette: true, colours: 128, compressionLevel: 9 })
    .toFile(file);
  console.log(`${file}: ${(info.size / 1024).toFixed(0)} KB`);
}
