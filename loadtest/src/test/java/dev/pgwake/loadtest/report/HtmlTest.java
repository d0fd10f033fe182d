package dev.pgwake.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;", Html.escape("<a href=\"x\">Tom's & co</a>"));
    }

    @Test
    void nullIsEmptyAndControlCharactersAreReplaced() {
        assertEquals("", Html.escape(null));
        assertEquals("a\uFFFDb\nc\td", Html.escape("a\u0000b\nc\td"));
        assertEquals("plain text 123", Html.escape("plain text 123"));
    }

    @Test
    void jsonCannotCloseItsScriptElement() {
        assertEquals("{\"a\":\"\\u003c/script>\\u003c!--\"}", Html.scriptJson("{\"a\":\"</script><!--\"}"));
    }
}
