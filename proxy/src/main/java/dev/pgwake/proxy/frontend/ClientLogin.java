package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.auth.AuthenticationException;
import dev.pgwake.proxy.auth.Md5Challenge;
import dev.pgwake.proxy.auth.ScramSecret;
import dev.pgwake.proxy.auth.ScramServerExchange;
import dev.pgwake.proxy.auth.Secret;
import dev.pgwake.proxy.auth.UserSalts;
import dev.pgwake.proxy.config.AuthMethod;
import dev.pgwake.proxy.protocol.Authentication;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.PasswordMessage;
import dev.pgwake.proxy.protocol.ProtocolException;
import dev.pgwake.proxy.protocol.SASLInitialResponse;
import dev.pgwake.proxy.protocol.SASLResponse;
import dev.pgwake.proxy.protocol.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;

import java.util.List;
import java.util.Optional;

/**
 * One client's authentication exchange, as PostgreSQL runs it: SCRAM-SHA-256 (also for md5 configuration
 * when the stored secret is SCRAM, as PostgreSQL does), md5, or trust. Unknown users go through the same
 * exchange as known ones and fail with the same message at the same step. Used by the client sessions of
 * branches and of the admin console alike.
 */
public final class ClientLogin {
    private enum Step { SASL_INITIAL_RESPONSE, SASL_RESPONSE, MD5_RESPONSE, DONE }

    private final String user;
    private final Optional<Secret> secret;
    private final UserSalts mockSalts;
    private final String methodName;
    private Step step;
    private ScramServerExchange scram;
    private Md5Challenge md5;

    ClientLogin(AuthMethod method, String user, Optional<Secret> secret, UserSalts mockSalts) {
        this.user = user;
        this.secret = secret;
        this.mockSalts = mockSalts;
        boolean scramSecret = secret.isPresent() && secret.get() instanceof ScramSecret;
        if (method == AuthMethod.TRUST) {
            step = Step.DONE;
        } else if (method == AuthMethod.SCRAM_SHA_256 || scramSecret) {
            step = Step.SASL_INITIAL_RESPONSE;
        } else {
            step = Step.MD5_RESPONSE;
        }
        methodName = step == Step.DONE ? "trust" : step == Step.MD5_RESPONSE ? "md5" : ScramServerExchange.MECHANISM;
    }

    public String method() {
        return methodName;
    }

    /** Sends the first authentication request; true when there is none because the client is trusted. */
    public boolean start(ChannelHandlerContext ctx) {
        ByteBuf first = firstRequest(ctx.alloc());
        if (first == null) {
            return true;
        }
        ctx.writeAndFlush(first);
        return false;
    }

    /**
     * Takes one client frame of the exchange and answers it; true once the client is authenticated. The caller
     * keeps (and releases) the frame.
     */
    public boolean accept(Frame frame, ChannelHandlerContext ctx) throws AuthenticationException {
        if (frame.type() != PasswordMessage.TYPE) {
            throw ProtocolException.violation("expected a password response, got message type '" + (char) frame.type() + "'");
        }
        ByteBuf next = respond(frame.body(), ctx.alloc());
        if (next != null) {
            ctx.writeAndFlush(next);
        }
        return done();
    }

    /** The first authentication request to send, or null when the client is trusted. */
    ByteBuf firstRequest(ByteBufAllocator alloc) {
        switch (step) {
            case SASL_INITIAL_RESPONSE:
                return Authentication.sasl(alloc, List.of(ScramServerExchange.MECHANISM));
            case MD5_RESPONSE:
                md5 = new Md5Challenge();
                return Authentication.md5Password(alloc, md5.salt());
            default:
                return null;
        }
    }

    /**
     * Takes the body of the client's 'p' message; returns the message to send next, or null when there is none.
     * The exchange may end with a message (SCRAM's AuthenticationSASLFinal) or without (md5): check {@link #done()}.
     */
    ByteBuf respond(ByteBuf body, ByteBufAllocator alloc) throws AuthenticationException {
        switch (step) {
            case SASL_INITIAL_RESPONSE: {
                SASLInitialResponse initial = SASLInitialResponse.decode(body);
                if (!ScramServerExchange.MECHANISM.equals(initial.mechanism())) {
                    throw new AuthenticationException(SqlState.PROTOCOL_VIOLATION,
                            "client selected an invalid SASL authentication mechanism \"" + initial.mechanism() + "\"");
                }
                scram = ScramServerExchange.forUser(user, secret, mockSalts);
                byte[] serverFirst = scram.handleClientFirst(initial.data());
                step = Step.SASL_RESPONSE;
                return Authentication.saslContinue(alloc, serverFirst);
            }
            case SASL_RESPONSE: {
                byte[] serverFinal = scram.handleClientFinal(SASLResponse.decode(body).data());
                step = Step.DONE;
                return Authentication.saslFinal(alloc, serverFinal);
            }
            case MD5_RESPONSE:
                md5.verify(user, secret, PasswordMessage.decode(body).password());
                step = Step.DONE;
                return null;
            default:
                throw ProtocolException.violation("unexpected password message: authentication already complete");
        }
    }

    boolean done() {
        return step == Step.DONE;
    }
}
