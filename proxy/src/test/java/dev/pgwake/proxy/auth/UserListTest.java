package dev.pgwake.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserListTest {

    private static final String SAMPLE = String.join("\n",
            "; PgBouncer-style comment",
            "# another comment",
            "",
            "   ",
            "\"alice\" \"" + Rfc7677VectorTest.RFC_SECRET + "\"",
            "\"bob\"\t\"md53175bce1d3201d16594cebf9d7eb3f9d\"",
            "  \"carol\"   \"plain \"\"quoted\"\" pass\"  ignored \"fields\" here",
            "\"we\"\"ird user\" \"\"",
            "\"dave\" \"x\"\r",
            "\"eve\" \";not a comment\"");

    @Test
    void parsesAllThreeSecretKindsCommentsAndQuotes() {
        UserList users = UserList.parse(SAMPLE);

        assertEquals(6, users.size());
        assertEquals(Rfc7677VectorTest.rfcSecret(), users.lookup("alice").orElseThrow());
        assertEquals(new Md5Secret("3175bce1d3201d16594cebf9d7eb3f9d"), users.lookup("bob").orElseThrow());
        assertEquals(new PlainSecret("plain \"quoted\" pass"), users.lookup("carol").orElseThrow());
        assertEquals(new PlainSecret(""), users.lookup("we\"ird user").orElseThrow());
        assertEquals(new PlainSecret("x"), users.lookup("dave").orElseThrow());
        assertEquals(new PlainSecret(";not a comment"), users.lookup("eve").orElseThrow());
    }

    @Test
    void unknownUsersAreEmptyAndNamesAreCaseSensitive() {
        UserList users = UserList.parse(SAMPLE);

        assertEquals(Optional.empty(), users.lookup("mallory"));
        assertEquals(Optional.empty(), users.lookup("Alice"));
        assertEquals(Optional.empty(), users.lookup("\"alice\""));
    }

    @Test
    void emptyTextIsAnEmptyList() {
        assertEquals(0, UserList.parse("").size());
        assertEquals(0, UserList.parse("\n\n; only comments\n").size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`alice \"s3cretvalue\"`|the user name is not quoted",
        "`\"alice\"`|no secret",
        "`\"alice\"   `|no secret after whitespace",
        "`\"alice\"\"s3cretvalue\"`|no whitespace between the fields",
        "`\"alice\" s3cretvalue`|secret not quoted",
        "`\"alice\" \"s3cretvalue`|secret has no closing quote",
        "`\"alice s3cretvalue`|user has no closing quote",
        "`\"alice\" \"s3cretvalue\"junk`|text glued to the secret",
        "`\"\" \"s3cretvalue\"`|empty user name",
        "`\"alice\" \"SCRAM-SHA-256$4096:s3cretvalue\"`|malformed SCRAM secret",
    })
    void malformedLinesNameTheLineButNotTheSecret(String line, String why) {
        String text = "; header\n\"ok\" \"fine\"\n" + line + "\n\"later\" \"fine\"\n";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserList.parse(text), why);

        assertTrue(e.getMessage().startsWith("userlist line 3: "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cretvalue"), e.getMessage());
    }

    @Test
    void duplicateUsersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserList.parse("\"alice\" \"one\"\n\"bob\" \"two\"\n\"alice\" \"three\"\n"));

        assertEquals("userlist line 3: duplicate entry for user \"alice\"", e.getMessage());
    }

    @Test
    void loadReadsUtf8AndNamesTheFileInErrors(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("userlist.txt"), "\"jos\u00E9\" \"p\u00E4ss\"\n");
        Path bad = Files.writeString(dir.resolve("broken.txt"), "\n\"jos\u00E9\" p\u00E4ss\n");

        assertEquals(new PlainSecret("p\u00E4ss"), UserList.load(good).lookup("jos\u00E9").orElseThrow());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserList.load(bad));
        assertTrue(e.getMessage().startsWith(bad + " line 2: "), e.getMessage());
    }

    @Test
    void toStringCountsUsersAndShowsNoSecrets() {
        UserList users = UserList.parse(SAMPLE);

        assertInstanceOf(ScramSecret.class, users.lookup("alice").orElseThrow());
        assertEquals("UserList[6 users]", users.toString());
    }
}
