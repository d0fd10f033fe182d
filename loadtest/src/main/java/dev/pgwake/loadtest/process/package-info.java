/**
 * Reading another process's CPU time, resident memory and open-file limits from Linux's {@code /proc}:
 * how loadtest measures the proxy (or server) behind the URL it drives. Read only; loadtest never changes
 * a limit itself.
 */
package dev.pgwake.loadtest.process;
