package dev.pgwake.proxy.protocol;

/** GSSENCRequest: the client asks for GSSAPI encryption; pgwake always answers 'N'. */
public enum GSSENCRequest implements StartupPacket {
    INSTANCE;

    public static final byte REFUSE = 'N';
}
