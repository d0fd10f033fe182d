/** The YAML configuration: records with defaults in their constructors, read strictly by {@link dev.pgwake.proxy.config.ConfigLoader}. */
package dev.pgwake.proxy.config;
