package dev.pgwake.proxy.pool;

/** What a pool serves: one database of one branch as one user. A server connection never crosses keys. */
public record PoolKey(String branch, String database, String user) {
    @Override
    public String toString() {
        return branch + "/" + database + "/" + user;
    }
}
