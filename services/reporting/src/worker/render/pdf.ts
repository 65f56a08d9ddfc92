import { Browser, chromium } from 'playwright-core';

/** Flags for Debian's chromium in a container: headless, no sandbox (no user namespaces), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Prints the report's HTML to PDF with headless Chromium (playwright-core driving Debian's chromium),
 * so the PDF is the same content as the HTML. One browser per worker, started on first use; Playwright
 * gives it a fresh temporary profile (--user-data-dir) and removes it on close. Every request the page
 * would make is refused (the HTML is self-contained).
 */
export class PdfPrinter {
  private browser?: Promise<Browser>;

  constructor(private readonly executablePath: string) {}

  private launch(): Promise<Browser> {
    return chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS, headless: true });
  }

  async print(html: string): Promise<Buffer> {
    this.browser ??= this.launch();
    let browser: Browser;
    try {
      browser = await this.browser;
      if (!browser.isConnected()) throw new Error('browser disconnected');
    } catch {
      this.browser = this.launch();
      browser = await this.browser;
    }
    const page = await browser.newPage();
    try {
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
  }
}
