/**
 * Review finding: /verification, as a person sees it, names the provider "mobile-ok" under five
 * methods (a developer word the end-user pass asked to remove), and the method descriptions the
 * launcher and the mobile-ok window show are in the ~습니다 tone while the rest of the site speaks
 * ~요. The launcher rendered as the page renders it; every method's description as shown.
 */
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import VerifyLauncher from '../../src/exposes/VerifyLauncher';
import { VERIFICATION_METHODS } from '../../src/methods';

// styled-jsx's <style jsx> is compiled away by Next; in a plain render React warns about the attribute.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');

describe('the verification launcher’s words, as a person reads them', () => {
  it('never shows the integration name "mobile-ok"', () => {
    const shown = text(renderToString(<VerifyLauncher verification={{ verified: false }} />));
    expect(shown).not.toMatch(/mobile-ok/i);
  });

  it.each(VERIFICATION_METHODS.map((m) => [m.label, m.description]))(
    '%s: the description is in the ~요 tone (%s)',
    (_label, description) => {
      expect(description).not.toMatch(/니다/);
      expect(description).toMatch(/요/);
    },
  );
});
