import { expect, test } from '@playwright/test';
import { generate, makeMidi, openApp, setBars, twoBarChorale, uploadBytes } from './helpers';

test('nothing is requested from any origin but the app’s own', async ({ page, context, baseURL }) => {
  const origins = new Set<string>();
  const record = (url: string) => {
    if (!/^(data|blob):/.test(url)) origins.add(new URL(url).origin);
  };
  context.on('request', (r) => record(r.url()));
  page.on('worker', (w) => record(w.url()));
  await openApp(page);
  await uploadBytes(page, 'mine.mid', makeMidi({ bpm: 90, meter: [4, 4], voices: twoBarChorale() }));
  await setBars(page, 4);
  await generate(page, 'Continue');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  console.log(`[privacy] origins requested: ${[...origins].join(', ')}`);
  expect([...origins]).toEqual([new URL(baseURL!).origin]);
});
