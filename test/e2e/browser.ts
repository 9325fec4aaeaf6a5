// The part of playwright-core's API that the harness uses, typed here and loaded at run time from
// test/e2e/node_modules. The root type check (`npm run typecheck`, run before test/e2e/setup.mjs has
// installed anything) so never depends on the e2e tooling being present.
import { createRequire } from 'node:module';

/** The little of the DOM that page-side callbacks use (the project's tsconfig has no 'dom' lib). */
export interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
  style: { top: string };
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

export interface WaitOptions {
  state?: 'attached' | 'detached' | 'visible' | 'hidden';
  timeout?: number;
}

export interface Locator {
  first(): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  click(options?: { timeout?: number }): Promise<void>;
  fill(value: string): Promise<void>;
  count(): Promise<number>;
  innerText(options?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  isVisible(): Promise<boolean>;
  waitFor(options?: WaitOptions): Promise<void>;
  evaluateAll<R>(fn: (elements: El[]) => R): Promise<R>;
}

export interface Frame {
  evaluate<R>(fn: () => R): Promise<R>;
  /** `arg` is serialised into the page (the function runs there, not here). */
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
}

export interface Page {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  waitForSelector(selector: string, options?: WaitOptions): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  $$eval<R>(selector: string, fn: (elements: El[]) => R): Promise<R>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  frames(): Frame[];
  mainFrame(): Frame;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
}

export interface BrowserContext {
  newPage(): Promise<Page>;
}

export interface Browser {
  newContext(options?: { viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface Chromium {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser>;
}

/** playwright-core's `chromium`, from test/e2e/node_modules (installed by test/e2e/setup.mjs). */
export function loadChromium(): Chromium {
  const require = createRequire(import.meta.url);
  try {
    return (require('playwright-core') as { chromium: Chromium }).chromium;
  } catch (e) {
    throw new Error(`playwright-core is not installed in test/e2e; run node test/e2e/setup.mjs (${(e as Error).message})`);
  }
}
