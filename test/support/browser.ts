import { existsSync } from 'node:fs';
import { Browser, Page, chromium } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run); nothing here ever downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true and no Chromium at ${CHROMIUM_PATH}: .ci/run installs it`);
  console.warn(`no Chromium at ${CHROMIUM_PATH}: the browser suites are SKIPPED`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-component-update', '--no-first-run'],
  });
}

/** Every text's contrast with the background it is drawn on (WCAG 2 relative luminance), the lowest three first. */
export function lowestContrasts(page: Page) {
  return page.evaluate(() => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (value: number) => ((value /= 255) <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element | null): number[] => {
      for (let node = element; node; node = node.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(node).backgroundColor);
        if (a > 0) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const results: { text: string; ratio: number }[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const own = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
      // An SVG's <title> is never drawn (it is the tooltip and the accessible name).
      if (!own || element instanceof SVGTitleElement) continue;
      // SVG text is painted with its fill, HTML text with its colour.
      const paint = element instanceof SVGElement ? getComputedStyle(element).fill : getComputedStyle(element).color;
      const [light, dark] = [luminance(rgb(paint)), luminance(backgroundOf(element))].sort((a, b) => b - a);
      results.push({ text: element.textContent!.trim().slice(0, 40), ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100 });
    }
    return results.sort((a, b) => a.ratio - b.ratio).slice(0, 3);
  });
}

/** Whether the page scrolls sideways (anything wider than the window but a table's own scroll box). */
export const overflows = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth > window.innerWidth);

/** The WCAG 2.1 levels A and AA (2.0's included): the rules axe-core checks the public pages against. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's automated WCAG 2.1 AA check (contrast, names, roles, keyboard reach of scrolling
 * regions, …) run in the page as it is drawn now. axe is put in through the DevTools protocol,
 * which a page's Content-Security-Policy does not govern, so the page is checked with its real
 * policy on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { source } = require('axe-core') as { source: string };
  await page.evaluate(source);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((node) => node.target.join(' ')) }));
  }, WCAG_21_AA);
}
