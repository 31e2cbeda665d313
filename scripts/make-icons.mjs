// Renders the app icons from one SVG with the machine's Chromium, so the PNGs in
// static/icons can be regenerated after a design change: `node scripts/make-icons.mjs`.
import { writeFile, mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { chromiumPath, chromiumArgs } from './chromium.mjs';

/** A house with a heart: neighbours helping neighbours. `inset` keeps the glyph inside a maskable safe zone. */
function iconSvg({ rounded, inset }) {
  const scale = 1 - 2 * inset;
  const offset = 512 * inset;
  const radius = rounded ? 96 : 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="${radius}" fill="#1d6b57"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <path d="M256 88 L448 248 L400 248 L400 424 L112 424 L112 248 L64 248 Z" fill="#ffffff"/>
    <path d="M256 388 C 200 344 164 312 164 272 C 164 244 186 224 212 224 C 232 224 248 236 256 252 C 264 236 280 224 300 224 C 326 224 348 244 348 272 C 348 312 312 344 256 388 Z" fill="#e4572e"/>
  </g>
</svg>
`;
}

const outputs = [
  { file: 'static/icons/icon-192.png', size: 192, svg: iconSvg({ rounded: true, inset: 0.06 }) },
  { file: 'static/icons/icon-512.png', size: 512, svg: iconSvg({ rounded: true, inset: 0.06 }) },
  // Maskable icons are cropped to a circle of 80 % of the width: full-bleed background, glyph inside.
  {
    file: 'static/icons/icon-maskable-512.png',
    size: 512,
    svg: iconSvg({ rounded: false, inset: 0.2 }),
  },
];

await mkdir('static/icons', { recursive: true });
await writeFile('static/favicon.svg', iconSvg({ rounded: true, inset: 0.06 }));

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  for (const { file, size, svg } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const html = `<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`;
    await page.setContent(html);
    await page.locator('svg').screenshot({ path: file, omitBackground: true });
    await page.close();
    console.log('wrote', file);
  }
} finally {
  await browser.close();
}
