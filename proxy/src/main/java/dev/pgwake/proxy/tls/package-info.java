/** TLS for clients: SSLRequest upgrade and PostgreSQL 17 direct TLS (ALPN "postgresql"), SNI for routing. */
package dev.pgwake.proxy.tls;
