// Renders the report Markdown to HTML with marked, raw HTML escaped (claim text is the user's,
// never markup). Pure: no vscode import.
import { Marked } from 'marked';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
  },
});

export function renderReportBody(markdown: string): string {
  return marked.parse(markdown, { async: false }) as string;
}

export interface PageOptions {
  /** Content-Security-Policy value; the webview's is strict (no scripts). */
  csp: string;
  /** A stylesheet link href, or inline CSS for an exported file. */
  styleHref?: string;
  inlineCss?: string;
  /** Extra HTML after the body (the webview's export link). */
  footer?: string;
}

export function reportPage(markdown: string, options: PageOptions): string {
  const style =
    options.inlineCss !== undefined ? `<style>\n${options.inlineCss.replace(/<\//g, '<\\/')}\n</style>` : options.styleHref ? `<link rel="stylesheet" href="${escapeHtml(options.styleHref)}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(options.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Patent Draft: Matter Report</title>
${style}
</head>
<body>
<main class="report">
${renderReportBody(markdown)}
</main>
${options.footer ?? ''}
</body>
</html>
`;
}
