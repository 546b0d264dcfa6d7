// Measurements of the page as a user sees it: layout shifts (the browser's own
// layout-shift entries, as in CLS) and the contrast of every visible piece of text.
import type { Page } from '@playwright/test';

/** Start recording layout shifts from the first paint; call before page.goto. */
export async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: { value: number; at: number; what: string[] }[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      type Source = { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
      const rect = (r: DOMRectReadOnly) => [r.x, r.y, r.width, r.height].map(Math.round).join(',');
      for (const e of list.getEntries() as unknown as { value: number; startTime: number; sources?: Source[] }[]) {
        const name = (n?: Node) =>
          n instanceof Element ? `${n.tagName.toLowerCase()}.${n.className}` : String(n?.nodeName);
        const what = (e.sources ?? []).map((s) => `${name(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`);
        w.__shifts.push({ value: e.value, at: Math.round(e.startTime), what });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts recorded so far (and forget them). */
export async function layoutShifts(page: Page): Promise<{ value: number; at: number; what: string[] }[]> {
  return page.evaluate(() =>
    (window as unknown as { __shifts: { value: number; at: number; what: string[] }[] }).__shifts.splice(0),
  );
}

export interface LowContrast {
  text: string;
  ratio: number;
  colour: string;
  background: string;
}

/**
 * Every visible text (text nodes, form control values, placeholders) whose contrast against
 * what is behind it is below `min` (WCAG AA: 4.5). Backgrounds are composited up the tree.
 */
export async function lowContrast(page: Page, min = 4.5): Promise<LowContrast[]> {
  return page.evaluate((min) => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
    };
    const over = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3] + under[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const background = (el: Element | null): RGBA => {
      const layers: RGBA[] = [];
      for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
      return layers.reduceRight<RGBA>((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]: RGBA) => {
      const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const opacity = (el: Element) => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const out: { text: string; ratio: number; colour: string; background: string }[] = [];
    const check = (el: Element, text: string, colour: string) => {
      const bg = background(el);
      const fg = over([...parse(colour).slice(0, 3), parse(colour)[3] * opacity(el)] as RGBA, bg);
      const r = ratio(fg, bg);
      if (r < min)
        out.push({
          text: text.slice(0, 60),
          ratio: Math.round(r * 100) / 100,
          colour,
          background: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})`,
        });
    };
    const visible = (el: Element) =>
      el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getClientRects().length > 0;
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el) || el.closest('dialog:not([open])')) continue;
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
        .map((n) => n.textContent!.trim());
      if (own.length > 0) check(el, own.join(' '), getComputedStyle(el).color);
      if (el instanceof HTMLInputElement && el.type !== 'file' && el.type !== 'checkbox' && el.type !== 'range') {
        if (el.value) check(el, el.value, getComputedStyle(el).color);
        else if (el.placeholder) check(el, el.placeholder, getComputedStyle(el, '::placeholder').color);
      }
      if (el instanceof HTMLSelectElement) check(el, el.selectedOptions[0]?.text ?? '', getComputedStyle(el).color);
    }
    return out;
  }, min);
}

export interface Overflow {
  what: string;
  why: string;
}

/**
 * What under `root` breaks its width: the root scrolling sideways, a visible element sticking out of it,
 * or a text (or a select's chosen option) cut short with nothing that shows it in full (a title).
 */
export async function horizontalOverflow(page: Page, root: string): Promise<Overflow[]> {
  return page.evaluate((root) => {
    const box = document.querySelector(root);
    if (!box) return [{ what: root, why: 'not found' }];
    const out: { what: string; why: string }[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    if (box.scrollWidth > box.clientWidth + 1)
      out.push({ what: root, why: `scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}` });
    const edge = box.getBoundingClientRect();
    const ctx = document.createElement('canvas').getContext('2d')!;
    const titled = (el: Element) => !!el.closest('[title]')?.getAttribute('title');
    for (const el of box.querySelectorAll('*')) {
      if (!el.checkVisibility({ checkVisibilityCSS: true }) || el.getClientRects().length === 0) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > edge.right + 0.5 || r.left < edge.left - 0.5))
        out.push({
          what: name(el),
          why: `sticks out: ${Math.round(r.left)}..${Math.round(r.right)} of ${Math.round(edge.left)}..${Math.round(edge.right)}`,
        });
      if (el instanceof HTMLSelectElement) {
        const style = getComputedStyle(el);
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = el.selectedOptions[0]?.text ?? '';
        // The text area is the select less its padding and the arrow (about 20 px in Chromium).
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        if (ctx.measureText(text).width > room && el.title !== text)
          out.push({ what: name(el), why: `shows "${text}" cut, without it as the title` });
      } else if (
        el.scrollWidth > el.clientWidth + 1 &&
        getComputedStyle(el).overflowX === 'hidden' &&
        [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) &&
        !titled(el)
      ) {
        out.push({ what: name(el), why: 'text cut without a title' });
      }
    }
    return out;
  }, root);
}
