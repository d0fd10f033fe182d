package dev.pgwake.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The {@code options} startup parameter, read the way the PostgreSQL server reads it, with
 * {@code branch=NAME} and {@code --branch=NAME} tokens taken out.
 *
 * <p>The server splits {@code options} in {@code pg_split_opts} (postinit.c): words are separated
 * by unescaped whitespace and a backslash makes the next character literal. It then reads the
 * words with getopt in {@code process_postgres_switches} (postgres.c); a word that is the argument
 * of a switch, such as {@code branch=x} in {@code -c branch=x}, is never taken as a branch token.
 */
public final class StartupOptions {

    private static final String BRANCH_TOKEN = "branch=";
    private static final String LONG_BRANCH_TOKEN = "--branch=";
    /** Switches with an argument in postgres.c's getopt string "B:bC:c:D:d:EeFf:h:ijk:lN:nOPp:r:S:sTt:v:W:-:". */
    private static final String SWITCHES_WITH_ARGUMENT = "BCcDdfhkNprStvW-";
    /** What C's isspace() accepts in the C locale, as used by pg_split_opts. */
    private static final String WHITESPACE = " \t\n\u000b\f\r";

    private final String original;
    private final List<String> keptWords;
    private final List<String> branchNames;

    private StartupOptions(String original, List<String> keptWords, List<String> branchNames) {
        this.original = original;
        this.keptWords = List.copyOf(keptWords);
        this.branchNames = List.copyOf(branchNames);
    }

    static StartupOptions parse(String options) {
        List<String> kept = new ArrayList<>();
        List<String> branches = new ArrayList<>();
        boolean argumentExpected = false;
        for (String word : split(options)) {
            if (argumentExpected) {
                kept.add(word);
                argumentExpected = false;
            } else if (word.startsWith(LONG_BRANCH_TOKEN)) {
                branches.add(word.substring(LONG_BRANCH_TOKEN.length()));
            } else if (word.startsWith(BRANCH_TOKEN)) {
                branches.add(word.substring(BRANCH_TOKEN.length()));
            } else {
                kept.add(word);
                argumentExpected = endsWithSwitchNeedingArgument(word);
            }
        }
        return new StartupOptions(options, kept, branches);
    }

    /**
     * The run-time settings an {@code options} value asks for: {@code -c name=value}, {@code -cname=value} and
     * {@code --name=value}, in order (a later one wins), names as written (with {@code -} read as {@code _},
     * as the server does). Other switches are ignored.
     */
    public static Map<String, String> settings(String options) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> words = split(options);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String assignment = null;
            if (word.equals("-c") && i + 1 < words.size()) {
                assignment = words.get(++i);
            } else if (word.startsWith("-c")) {
                assignment = word.substring(2);
            } else if (word.startsWith("--") && word.length() > 2) {
                assignment = word.substring(2);
            }
            int equals = assignment == null ? -1 : assignment.indexOf('=');
            if (equals > 0) {
                settings.put(assignment.substring(0, equals).replace('-', '_'), assignment.substring(equals + 1));
            }
        }
        return settings;
    }

    /** The branch names given, in order, possibly repeated or invalid. */
    List<String> branchNames() {
        return branchNames;
    }

    /**
     * The value to forward to the server: unchanged if it held no branch token, otherwise the other
     * words re-joined, or empty if none are left. Empty words (only a trailing lone backslash makes
     * one) cannot be written back and are dropped.
     */
    Optional<String> forwarded() {
        if (branchNames.isEmpty()) {
            return Optional.of(original);
        }
        List<String> words = keptWords.stream().filter(word -> !word.isEmpty()).toList();
        return words.isEmpty() ? Optional.empty() : Optional.of(join(words));
    }

    /** Splits like pg_split_opts; a trailing lone backslash is dropped, as the server does. */
    static List<String> split(String options) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean escaped = false;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (escaped) {
                word.append(c);
                escaped = false;
            } else if (isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            } else if (c == '\\') {
                escaped = true;
            } else {
                word.append(c);
            }
            inWord = true;
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Joins words with single spaces, escaping so that {@link #split} gives the same words back. */
    static String join(List<String> words) {
        StringBuilder joined = new StringBuilder();
        for (String word : words) {
            if (joined.length() > 0) {
                joined.append(' ');
            }
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c == '\\' || isWhitespace(c)) {
                    joined.append('\\');
                }
                joined.append(c);
            }
        }
        return joined.toString();
    }

    /** True for {@code -c}, {@code -Ec} and the like: getopt takes the next word as the argument. */
    private static boolean endsWithSwitchNeedingArgument(String word) {
        if (word.length() < 2 || word.charAt(0) != '-' || word.equals("--")) {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            if (SWITCHES_WITH_ARGUMENT.indexOf(word.charAt(i)) >= 0) {
                return i == word.length() - 1;
            }
        }
        return false;
    }

    private static boolean isWhitespace(char c) {
        return WHITESPACE.indexOf(c) >= 0;
    }
}
