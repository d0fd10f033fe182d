package dev.pgwake.proxy.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lexical side of the console: a query string split into statements at each ';' outside quotes, and a
 * statement into words separated by white space, where a double-quoted word is an identifier kept as
 * written ({@code ""} inside stands for one quote) and any other word is a keyword or a name folded to
 * lower case, as SQL folds identifiers.
 */
final class Statements {
    private Statements() {
    }

    /** One word of a statement. */
    record Word(String text, boolean quoted) {
        @Override
        public String toString() {
            return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
        }
    }

    /** The words of one statement. */
    record Words(List<Word> list) {
        Words {
            list = List.copyOf(list);
        }

        int size() {
            return list.size();
        }

        /** The word at {@code index} in upper case if it can be a keyword; "" if it is quoted or missing. */
        String keyword(int index) {
            if (index >= list.size() || list.get(index).quoted()) {
                return "";
            }
            return list.get(index).text().toUpperCase(Locale.ROOT);
        }

        /** The word at {@code index} as an identifier: as written if quoted, else in lower case. */
        String identifier(int index) {
            Word word = list.get(index);
            return word.quoted() ? word.text() : word.text().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return list.stream().map(Word::toString).collect(Collectors.joining(" "));
        }
    }

    /** The statements of {@code query}, stripped, without their ';'; blank ones are left out. */
    static List<String> split(String query) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote; // a doubled quote closes and reopens: still inside
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ';') {
                add(statements, query.substring(start, i));
                start = i + 1;
            }
        }
        add(statements, query.substring(start));
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        if (!statement.isBlank()) {
            statements.add(statement.strip());
        }
    }

    /** The words of one statement; an unterminated quoted identifier is a syntax error. */
    static Words words(String statement) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                i = quoted(statement, i, words);
            } else {
                int end = i;
                while (end < statement.length() && !Character.isWhitespace(statement.charAt(end))
                        && statement.charAt(end) != '"') {
                    end++;
                }
                words.add(new Word(statement.substring(i, end), false));
                i = end;
            }
        }
        return new Words(words);
    }

    /** Reads the quoted identifier opening at {@code open}; returns the index after its closing quote. */
    private static int quoted(String statement, int open, List<Word> words) {
        StringBuilder text = new StringBuilder();
        int i = open + 1;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (c == '"' && i + 1 < statement.length() && statement.charAt(i + 1) == '"') {
                text.append('"');
                i += 2;
            } else if (c == '"') {
                words.add(new Word(text.toString(), true));
                return i + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        throw CommandParser.syntaxError("unterminated quoted identifier in \"" + statement + "\"");
    }
}
