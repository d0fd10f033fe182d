package dev.pgwake.loadtest.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {
    static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1920 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51234 1 0000 100 0 0 10 0
               1: 0100007F:1920 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 61234 1 0000 20 4 30 10 -1
               2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000   104        0 71234 1 0000 100 0 0 10 0
            """;

    @Test
    void onlyListeningSocketsOnThatPort() {
        assertEquals(Set.of("51234"), ListeningSockets.listeningInodes(TCP, 0x1920), "6432; not the connection to it");
        assertEquals(Set.of("71234"), ListeningSockets.listeningInodes(TCP, 8080));
        assertTrue(ListeningSockets.listeningInodes(TCP, 5432).isEmpty());
    }

    @Test
    void findsThisJvmListening() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(ProcessHandle.current().pid(), new ListeningSockets().pidListeningOn(s.getLocalPort()).orElseThrow());
        }
    }
}
