/**
 * What a run produced ({@link dev.pgwake.loadtest.report.RunReport}) and its two renderings: JSON with every
 * number, and one self-contained HTML page (inline CSS, inline SVG charts drawn here, the JSON embedded)
 * that opens offline in any browser.
 *
 * <p>Every piece of text that came from outside (labels, URLs, error messages, settings) passes through
 * {@link dev.pgwake.loadtest.report.Html#escape} before it reaches the page.
 */
package dev.pgwake.loadtest.report;
