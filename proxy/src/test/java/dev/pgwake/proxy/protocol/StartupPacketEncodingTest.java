package dev.pgwake.proxy.protocol;

import static dev.pgwake.proxy.testing.Hex.bytes;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pgwake.proxy.testing.Feed;
import dev.pgwake.proxy.testing.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What pgwake sends when it is the client: StartupMessage, CancelRequest and SSLRequest. */
class StartupPacketEncodingTest {

    @Test
    void startupMessageEncodesLengthVersionParametersAndTerminator() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", "alice");
        parameters.put("database", "appdb");
        // Int32 35, Int32 196608 (3.0), "user", "alice", "database", "appdb", zero byte
        String expected = "00000023 00030000 7573657200 616c69636500 646174616261736500 617070646200 00";

        assertEquals(normalize(expected), encode(buf -> new StartupMessage(Wire.PROTOCOL_3_0, parameters).encode(buf)));
    }

    @Test
    void startupMessageSurvivesARoundTripThroughTheDecoder() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", "b\u00f6b");
        parameters.put("options", "-c search_path=x branch=dev");
        parameters.put("database", "appdb@dev");
        parameters.put("application_name", "");
        StartupMessage original = new StartupMessage(Wire.PROTOCOL_3_0, parameters);
        String encoded = encode(original::encode);

        EmbeddedChannel channel = new EmbeddedChannel(new StartupDecoder(false));
        try {
            Feed.BYTE_BY_BYTE.into(channel, bytes(encoded));
            StartupMessage decoded = assertInstanceOf(StartupMessage.class, channel.readInbound());
            assertEquals(original.protocolVersion(), decoded.protocolVersion());
            assertEquals(new ArrayList<>(parameters.entrySet()),
                    new ArrayList<>(decoded.parameters().entrySet()));
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void cancelRequestIsSixteenBytes() {
        // Int32 16, Int32 80877102, Int32 process id, Int32 secret
        assertEquals(normalize("00000010 04d2162e 00003039 deadbeef"),
                encode(new CancelRequest(12345, 0xdeadbeef)::encode));
    }

    @Test
    void sslRequestIsEightBytes() {
        // Int32 8, Int32 80877103
        assertEquals(normalize("00000008 04d2162f"), encode(SSLRequest.INSTANCE::encode));
    }

    @Test
    void encodingAppendsAfterWhatIsAlreadyInTheBuffer() {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            out.writeBytes(bytes("58 00000004"));
            new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "a")).encode(out);
            // the length word counts only the StartupMessage: 8 + "user" + "a" + terminator = 16
            assertEquals(normalize("58 00000004 00000010 00030000 7573657200 6100 00"), Hex.of(out));
        } finally {
            out.release();
        }
    }

    private static String encode(Consumer<ByteBuf> encoder) {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            encoder.accept(out);
            return Hex.of(out);
        } finally {
            out.release();
        }
    }
}
