/**
 * The {@code http} driver: a control plane that wakes and suspends branches over HTTP ({@link
 * dev.pgwake.lifecycle.http.HttpDriver}). Uses {@link java.net.http.HttpClient} and Jackson for the
 * small JSON bodies; every exchange is bounded by a timeout and retried with backoff.
 */
package dev.pgwake.lifecycle.http;
