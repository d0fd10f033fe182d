package dev.pgwake.loadtest.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for test servers: below the ephemeral range (32768-60999), where no outgoing connection can take them. */
final class FreePorts {
    private FreePorts() {
    }

    /** A port in 20000-32767 that nothing listens on right now. */
    static int next() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_768);
            try {
                new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found in 20000-32767");
    }
}
