package dev.pgwake.proxy.protocol;

/** Wire constants of the PostgreSQL frontend/backend protocol, in one place, derivations visible. */
public final class Wire {
    private Wire() {
    }

    /** Protocol 3.0: major version in the high 16 bits, minor in the low 16 bits. */
    public static final int PROTOCOL_3_0 = 3 << 16;
    public static final int SSL_REQUEST_CODE = (1234 << 16) | 5679;
    public static final int GSSENC_REQUEST_CODE = (1234 << 16) | 5680;
    public static final int CANCEL_REQUEST_CODE = (1234 << 16) | 5678;

    /** PostgreSQL's own limit on an untyped startup packet (MAX_STARTUP_PACKET_LENGTH). */
    public static final int MAX_STARTUP_PACKET_LENGTH = 10_000;
    /** Length word (4) plus request code (4): the smallest startup packet there is. */
    public static final int MIN_STARTUP_PACKET_LENGTH = 8;
    /** Type byte (1) plus length word (4). */
    public static final int TYPED_HEADER_LENGTH = 5;
    /** The largest typed message PostgreSQL itself accepts or sends (MaxAllocSize, 1 GB - 1). */
    public static final int MAX_POSTGRES_MESSAGE_LENGTH = 0x3fffffff;

    /** Prefix of protocol options that are not GUCs ("_pq_.name"). */
    public static final String PROTOCOL_OPTION_PREFIX = "_pq_.";

    /** First byte of a TLS handshake record: a client speaking TLS at once (PostgreSQL 17 direct TLS). */
    public static final int TLS_HANDSHAKE_RECORD = 0x16;
    public static final String ALPN_POSTGRESQL = "postgresql";

    public static int major(int protocolVersion) {
        return protocolVersion >>> 16;
    }

    public static int minor(int protocolVersion) {
        return protocolVersion & 0xffff;
    }
}
