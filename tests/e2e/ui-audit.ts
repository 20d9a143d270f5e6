import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Phone widths the site must fit without sideways scrolling (small Android, iPhone 12–15, Pro Max). */
export const PHONE_WIDTHS = [360, 390, 430] as const;

/** The phone the browser tests hold (iPhone 12–15); every audit ends back at this size. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

export interface PageAudit {
  url: string;
  /** Document width minus viewport width, in CSS px (0 = no sideways scrolling). */
  overflow: number;
  /** axe-core violations of impact serious or critical: rule id → number of nodes. */
  serious: Record<string, number>;
  seriousCount: number;
}

/** How far the page is wider than the viewport (scrollWidth of the document vs its client width). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.documentElement;
    return Math.max(root.scrollWidth, document.body.scrollWidth) - root.clientWidth;
  });
}

/** axe-core (WCAG 2.x A/AA rules) on the current page: only serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Record<string, number>> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const out: Record<string, number> = {};
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') out[v.id] = v.nodes.length;
  }
  return out;
}

/** Overflow and axe figures of the page now shown; a full-page screenshot to `shots` when given. */
export async function auditPage(page: Page, shots?: { dir: string; name: string }): Promise<PageAudit> {
  const overflow = await horizontalOverflow(page);
  const serious = await seriousViolations(page);
  if (shots) {
    mkdirSync(shots.dir, { recursive: true });
    await page.screenshot({ path: path.join(shots.dir, `${shots.name}.png`), fullPage: true });
  }
  return {
    url: new URL(page.url()).pathname,
    overflow,
    serious,
    seriousCount: Object.values(serious).reduce((a, b) => a + b, 0),
  };
}

/** Interactive elements smaller than `min` px in either dimension (links inside running text excepted). */
export async function smallTapTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((minPx) => {
    const small: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>(
        'a[href], button, input, select, textarea, [role="menuitem"], summary',
      ),
    )) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // WCAG 2.5.8 exception: a link in a sentence.
      if (el.tagName === 'A' && style.display === 'inline' && el.closest('p, li:not([role])')) continue;
      // A checkbox or radio inside its label: the label is the target.
      if (el instanceof HTMLInputElement && el.closest('label')) {
        const label = el.closest('label')!.getBoundingClientRect();
        if (label.height >= minPx) continue;
      }
      if (box.width < minPx - 0.5 || box.height < minPx - 0.5)
        small.push(
          `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return small;
  }, min);
}

/**
 * Every check the page now shown must pass at phone size (`what` names it in failures): no sideways
 * scrolling at PHONE_WIDTHS, no serious or critical axe-core violation, lang="ko", a real title
 * (`title`, never the site's name alone, never Next's English) and one description, 44 px targets.
 */
export async function expectPhoneReady(page: Page, what: string, title: RegExp = /MFV/): Promise<void> {
  const overflow: Record<number, number> = {};
  for (const width of PHONE_WIDTHS) {
    await page.setViewportSize({ width, height: PHONE_VIEWPORT.height });
    overflow[width] = await horizontalOverflow(page);
  }
  await page.setViewportSize(PHONE_VIEWPORT);
  expect(overflow, `${what}: sideways scrolling`).toEqual({ 360: 0, 390: 0, 430: 0 });
  const audit = await auditPage(page);
  expect(audit.serious, `${what}: serious/critical axe violations`).toEqual({});
  expect(await page.evaluate(() => document.documentElement.lang), `${what}: lang`).toBe('ko');
  const shown = await page.title();
  expect(shown, `${what}: title`).toMatch(title);
  expect(shown, `${what}: title`).not.toBe('MFV');
  expect(shown, `${what}: English`).not.toMatch(/could not be found|Internal Server Error/);
  expect(await page.locator('meta[name="description"]').count(), `${what}: description`).toBe(1);
  expect(await smallTapTargets(page), `${what}: tap targets under 44 px`).toEqual([]);
}
