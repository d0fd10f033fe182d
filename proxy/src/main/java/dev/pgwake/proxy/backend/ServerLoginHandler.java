package dev.pgwake.proxy.backend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.auth.AuthenticationException;
import dev.pgwake.proxy.auth.Md5Challenge;
import dev.pgwake.proxy.auth.ScramClientExchange;
import dev.pgwake.proxy.protocol.Authentication;
import dev.pgwake.proxy.protocol.BackendKeyData;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.NegotiateProtocolVersion;
import dev.pgwake.proxy.protocol.ParameterStatus;
import dev.pgwake.proxy.protocol.PasswordMessage;
import dev.pgwake.proxy.protocol.ProtocolException;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import dev.pgwake.proxy.protocol.SASLInitialResponse;
import dev.pgwake.proxy.protocol.SASLResponse;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.proxy.protocol.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.Promise;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logs pgwake in to a server with the configured credentials (trust, cleartext, md5 or SCRAM-SHA-256,
 * whichever the server asks for), collects ParameterStatus and BackendKeyData, and completes its promise at
 * the first ReadyForQuery, removing itself. Event loop only.
 */
final class ServerLoginHandler extends ChannelInboundHandlerAdapter {
    private static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    private static final byte NOTICE_RESPONSE = 'N';

    private final Promise<ServerConnection> promise;
    private final Endpoint endpoint;
    private final StartupMessage startup;
    private final Optional<String> password;
    /** The login begins after the TLS negotiation ({@link ServerTlsNegotiator}), not when the channel opens. */
    private final boolean afterTls;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private BackendKeyData key = new BackendKeyData(0, 0);
    private ScramClientExchange scram;

    ServerLoginHandler(Promise<ServerConnection> promise, Endpoint endpoint, StartupMessage startup, Optional<String> password,
                       boolean afterTls) {
        this.promise = promise;
        this.endpoint = endpoint;
        this.startup = startup;
        this.password = password;
        this.afterTls = afterTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!afterTls) {
            sendStartup(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ServerTlsNegotiator.PLAINTEXT) {
            sendStartup(ctx);
        } else if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                sendStartup(ctx);
            } else {
                fail(ctx, new ServerLoginException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "TLS with server "
                        + endpoint.host() + ":" + endpoint.port() + " failed: " + handshake.cause().getMessage(), null,
                        handshake.cause()));
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void sendStartup(ChannelHandlerContext ctx) {
        ByteBuf out = ctx.alloc().buffer(128);
        startup.encode(out);
        ctx.writeAndFlush(out);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        try {
            handle(ctx, frame);
        } catch (ProtocolException e) {
            fail(ctx, new ServerLoginException(e.sqlState(), e.getMessage(), null, null));
        } catch (AuthenticationException e) {
            fail(ctx, new ServerLoginException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                    "server login failed: " + e.getMessage(), null, e));
        } finally {
            frame.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, Frame frame) throws AuthenticationException {
        switch (frame.type()) {
            case Authentication.TYPE -> authenticate(ctx, Authentication.decode(frame.body()));
            case ParameterStatus.TYPE -> {
                ParameterStatus status = ParameterStatus.decode(frame.body());
                parameters.put(status.name(), status.value());
            }
            case BackendKeyData.TYPE -> key = BackendKeyData.decode(frame.body());
            case ReadyForQuery.TYPE -> succeed(ctx, ReadyForQuery.decode(frame.body()).status());
            case ErrorResponse.TYPE -> {
                ErrorResponse error = ErrorResponse.decode(frame.body());
                fail(ctx, new ServerLoginException(error.sqlState(), error.message(), error, null));
            }
            case NOTICE_RESPONSE, NegotiateProtocolVersion.TYPE -> { }
            default -> throw ProtocolException.violation("unexpected message '" + (char) frame.type()
                    + "' from server during login");
        }
    }

    private void authenticate(ChannelHandlerContext ctx, Authentication request) throws AuthenticationException {
        switch (request.code()) {
            case Authentication.OK -> { }
            case Authentication.CLEARTEXT_PASSWORD -> ctx.writeAndFlush(new PasswordMessage(requirePassword("password")).encode(ctx.alloc()));
            case Authentication.MD5_PASSWORD -> ctx.writeAndFlush(new PasswordMessage(Md5Challenge.md5Response(
                    startup.parameters().get("user"), requirePassword("md5"), request.data())).encode(ctx.alloc()));
            case Authentication.SASL -> {
                if (!request.mechanisms().contains(SCRAM_SHA_256)) {
                    throw new ProtocolException(SqlState.FEATURE_NOT_SUPPORTED,
                            "server offers SASL mechanisms " + request.mechanisms() + ", pgwake speaks " + SCRAM_SHA_256);
                }
                scram = new ScramClientExchange(requirePassword("SCRAM-SHA-256"));
                ctx.writeAndFlush(new SASLInitialResponse(SCRAM_SHA_256, scram.clientFirstMessage()).encode(ctx.alloc()));
            }
            case Authentication.SASL_CONTINUE -> ctx.writeAndFlush(new SASLResponse(expectScram().handleServerFirst(request.data())).encode(ctx.alloc()));
            case Authentication.SASL_FINAL -> expectScram().verifyServerFinal(request.data());
            default -> throw new ProtocolException(SqlState.FEATURE_NOT_SUPPORTED,
                    "server asks for authentication method " + request.code() + ", which pgwake does not support");
        }
    }

    private ScramClientExchange expectScram() {
        if (scram == null) {
            throw ProtocolException.violation("server sent a SASL message before AuthenticationSASL");
        }
        return scram;
    }

    private String requirePassword(String method) {
        return password.orElseThrow(() -> new ProtocolException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                "the server asks for " + method + " authentication of user \"" + startup.parameters().get("user")
                        + "\" but pgwake has no password for that user (set server.password or server.passwords)"));
    }

    private void succeed(ChannelHandlerContext ctx, byte status) {
        ctx.pipeline().remove(this);
        if (!promise.trySuccess(new ServerConnection(ctx.channel(), endpoint, parameters, key, status))) {
            ctx.close();
        }
    }

    private void fail(ChannelHandlerContext ctx, ServerLoginException e) {
        promise.tryFailure(e);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        promise.tryFailure(new ServerLoginException(SqlState.CONNECTION_FAILURE,
                "server " + endpoint.host() + ":" + endpoint.port() + " closed the connection during login", null, null));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ServerLoginException refused) { // the TLS negotiation's own
            fail(ctx, refused);
            return;
        }
        fail(ctx, new ServerLoginException(SqlState.CONNECTION_FAILURE,
                "server " + endpoint.host() + ":" + endpoint.port() + " failed during login: " + cause.getMessage(), null, cause));
    }
}
