package dev.pgwake.routing;

/** The SQLSTATE codes routing rejects with, named as in PostgreSQL's errcodes.txt. */
final class SqlState {

    /** No user name, as PostgreSQL reports it. */
    static final String INVALID_AUTHORIZATION_SPECIFICATION = "28000";
    /** A malformed database or branch name. */
    static final String INVALID_CATALOG_NAME = "3D000";
    /** The client named two different branches. */
    static final String SQLSERVER_REJECTED_ESTABLISHMENT_OF_SQLCONNECTION = "08004";

    private SqlState() {
    }
}
