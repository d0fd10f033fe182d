package dev.pgwake.loadtest.report;

/** Escaping for text placed in HTML and SVG: element content and double-quoted attribute values. */
public final class Html {
    private Html() {
    }

    /** {@code text} safe as element content or inside a double-quoted attribute; {@code null} as empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("\uFFFD"); // control characters are not allowed in HTML text
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * JSON placed inside {@code <script type="application/json">}: every {@code <} becomes {@code \u003c}, so
     * neither {@code </script>} nor {@code <!--} can appear. Valid because {@code <} can only occur inside
     * JSON strings, where the escape means the same character.
     */
    public static String scriptJson(String json) {
        return json.replace("<", "\\u003c");
    }
}
