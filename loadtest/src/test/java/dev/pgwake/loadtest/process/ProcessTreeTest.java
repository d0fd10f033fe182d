package dev.pgwake.loadtest.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProcessTreeTest {

    @Test
    void aProcessWithItsChildrenAndTheirPss() throws Exception {
        long self = ProcessHandle.current().pid();
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessTree tree = new ProcessTree(self);
            assertTrue(tree.members().contains(child.pid()), "the child is in the tree");
            assertEquals(self, tree.members().get(0));
            ProcessTree.Memory m = tree.memory();
            assertTrue(m.processes() >= 2, "processes " + m.processes());
            assertTrue(m.pssBytes() > 1 << 20, "a JVM holds more than a MiB: " + m.pssBytes());
            assertEquals(1, new ProcessTree(child.pid()).members().size(), "sleep has no children");
        } finally {
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
