package org.thinktrace.inspect;

/** Reads the final answer out of answer text: the first bold span, else the last number of the first line. */
public final class AnswerExtractor {
    private AnswerExtractor() {
    }

    public static String extract(String text) {
        java.util.regex.Matcher bold = java.util.regex.Pattern.compile("\\*\\*(.+?)\\*\\*").matcher(text);
        if (bold.find()) return bold.group(1).strip();
        String line = text.strip().lines().findFirst().orElse("");
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?").matcher(line);
        String last = "";
        while (number.find()) last = number.group();
        return last;
    }
}
