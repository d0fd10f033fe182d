package dev.pgwake.proxy.admin;

/** Everything a console statement may act on: branches, pools and their clients, pgwake itself. */
record Operations(BranchOperations branches, PoolOperations pools, ServerControl server) {
}
