package org.thinktrace.text.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template source into text and tag tokens, applying whitespace control as HuggingFace configures
 * Jinja: {@code trim_blocks} (the first newline after a block or comment tag is dropped), {@code lstrip_blocks}
 * (spaces and tabs between a line start and a block or comment tag are dropped, unless the tag opens with
 * {@code +}), and the {@code -} markers that strip all whitespace on that side of a tag.
 */
final class Lexer {

    private static final String[] OPERATORS = {
            "**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]",
            "{", "}", ",", ".", ":", "|"};

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private boolean stripNextText;

    private Lexer(String source) {
        this.source = source;
    }

    /**
     * Tokenizes template source. As Jinja does by default, line endings become {@code \n} and one
     * trailing newline of the source is dropped ({@code keep_trailing_newline=False}).
     */
    static List<Token> tokenize(String source) {
        String normalized = source.replace("\r\n", "\n").replace('\r', '\n');
        if (normalized.endsWith("\n")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        Lexer lexer = new Lexer(normalized);
        try {
            lexer.run();
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateException("line " + lexer.line + ": the template lexer failed on this template (" + e + ")", e);
        }
        return lexer.tokens;
    }

    private void run() {
        while (pos < source.length()) {
            int tag = nextTagStart(pos);
            int textEnd = tag < 0 ? source.length() : tag;
            String text = source.substring(pos, textEnd);
            if (stripNextText) {
                text = PyValues.stripSpace(text, true, false);
                stripNextText = false;
            }
            if (tag >= 0) {
                text = applyLeftControl(text, tag, pos);
            }
            addText(text);
            line += count(source, pos, textEnd);
            if (tag < 0) {
                break;
            }
            char kind = source.charAt(tag + 1);
            pos = tag + 2;
            if (pos < source.length() && (source.charAt(pos) == '-' || source.charAt(pos) == '+')) {
                pos++;
            }
            if (kind == '#') {
                comment();
            } else {
                tag(kind == '{');
            }
        }
        tokens.add(new Token(Token.Type.END, "", line));
    }

    private int nextTagStart(int from) {
        int index = source.indexOf('{', from);
        while (index >= 0 && index + 1 < source.length()) {
            char next = source.charAt(index + 1);
            if (next == '{' || next == '%' || next == '#') {
                return index;
            }
            index = source.indexOf('{', index + 1);
        }
        return -1;
    }

    /** Applies {@code -} (strip all) or lstrip_blocks (strip the line's indentation) before a tag. */
    private String applyLeftControl(String text, int tag, int textStart) {
        char kind = source.charAt(tag + 1);
        char marker = tag + 2 < source.length() ? source.charAt(tag + 2) : ' ';
        if (marker == '-') {
            return PyValues.stripSpace(text, false, true);
        }
        if (marker == '+' || kind == '{') {
            return text;
        }
        int lineStart = text.lastIndexOf('\n') + 1;
        boolean atLineStart = lineStart > 0 || textStart == 0 || source.charAt(textStart - 1) == '\n';
        if (atLineStart && text.substring(lineStart).chars().allMatch(c -> PyValues.isSpace((char) c))) {
            return text.substring(0, lineStart);
        }
        return text;
    }

    private void comment() {
        int end = source.indexOf("#}", pos);
        if (end < 0) {
            throw new TemplateException("line " + line + ": comment is not closed with #}");
        }
        line += count(source, pos, end);
        boolean stripAfter = end > pos && source.charAt(end - 1) == '-';
        boolean keepNewline = end > pos && source.charAt(end - 1) == '+';
        pos = end + 2;
        afterBlockTag(stripAfter, keepNewline);
    }

    private void tag(boolean variable) {
        tokens.add(new Token(variable ? Token.Type.VARIABLE_BEGIN : Token.Type.BLOCK_BEGIN, "", line));
        String close = variable ? "}}" : "%}";
        int depth = 0;
        while (true) {
            skipSpaces();
            if (pos >= source.length()) {
                throw new TemplateException("line " + line + ": tag is not closed with " + close);
            }
            if (depth == 0) {
                for (String marker : new String[]{"-", "+", ""}) {
                    if (source.startsWith(marker + close, pos) && !(variable && marker.equals("+"))) {
                        pos += marker.length() + 2;
                        tokens.add(new Token(variable ? Token.Type.VARIABLE_END : Token.Type.BLOCK_END, "", line));
                        if (variable) {
                            stripNextText = marker.equals("-");
                        } else {
                            afterBlockTag(marker.equals("-"), marker.equals("+"));
                        }
                        return;
                    }
                }
            }
            char c = source.charAt(pos);
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add(new Token(Token.Type.NAME, source.substring(start, pos), line));
            } else if (Character.isDigit(c)) {
                number();
            } else if (c == '\'' || c == '"') {
                string(c);
            } else {
                String operator = operatorAt(pos);
                if (operator.equals("(") || operator.equals("[") || operator.equals("{")) {
                    depth++;
                } else if (operator.equals(")") || operator.equals("]") || operator.equals("}")) {
                    depth--;
                }
                tokens.add(new Token(Token.Type.OPERATOR, operator, line));
                pos += operator.length();
            }
        }
    }

    private void afterBlockTag(boolean stripAll, boolean keepNewline) {
        if (stripAll) {
            stripNextText = true;
        } else if (!keepNewline) {
            if (source.startsWith("\n", pos)) {
                pos++;
                line++;
            }
        }
    }

    private void skipSpaces() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            if (source.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }
    }

    private String operatorAt(int at) {
        for (String operator : OPERATORS) {
            if (source.startsWith(operator, at)) {
                return operator;
            }
        }
        throw new TemplateException("line " + line + ": unexpected character '" + source.charAt(at) + "'");
    }

    /**
     * A number literal as Jinja2's lexer reads it: digits with single {@code _} between them, then for a float
     * a fraction ({@code 1.5}), an exponent ({@code 1e5}, {@code 2.5E-3}) or both.
     */
    private void number() {
        int start = pos;
        digits();
        boolean isFloat = false;
        if (pos + 1 < source.length() && source.charAt(pos) == '.' && Character.isDigit(source.charAt(pos + 1))) {
            pos++;
            digits();
            isFloat = true;
        }
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            int digitsAt = pos + 1;
            if (digitsAt < source.length() && (source.charAt(digitsAt) == '+' || source.charAt(digitsAt) == '-')) {
                digitsAt++;
            }
            if (digitsAt < source.length() && Character.isDigit(source.charAt(digitsAt))) {
                pos = digitsAt;
                digits();
                isFloat = true;
            }
        }
        String digits = source.substring(start, pos).replace("_", "");
        tokens.add(new Token(isFloat ? Token.Type.FLOAT : Token.Type.INTEGER, digits, line));
    }

    /** Digits, with a {@code _} allowed between two of them. */
    private void digits() {
        while (pos < source.length() && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '_'
                && pos + 1 < source.length() && Character.isDigit(source.charAt(pos + 1)) && pos > 0
                && Character.isDigit(source.charAt(pos - 1)))) {
            pos++;
        }
    }

    private void string(char quote) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= source.length()) {
                throw new TemplateException("line " + line + ": string literal is not closed");
            }
            char c = source.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c != '\\') {
                if (c == '\n') {
                    line++;
                }
                value.append(c);
                continue;
            }
            if (pos >= source.length()) {
                throw new TemplateException("line " + line + ": string literal is not closed (it ends in a backslash)");
            }
            char escaped = source.charAt(pos++);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case '0' -> value.append('\0');
                case 'x' -> value.appendCodePoint(hex(2, 'x'));
                case 'u' -> value.appendCodePoint(hex(4, 'u'));
                case 'U' -> value.appendCodePoint(hex(8, 'U'));
                case '\\', '\'', '"' -> value.append(escaped);
                case '\n' -> line++;
                default -> value.append('\\').append(escaped);
            }
        }
        tokens.add(new Token(Token.Type.STRING, value.toString(), line));
    }

    /** The code point of a {@code \\x}, {@code \\u} or {@code \\U} escape's {@code digits} hex digits. */
    private int hex(int digits, char escape) {
        String hex = source.substring(pos, Math.min(pos + digits, source.length()));
        if (hex.length() < digits || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new TemplateException("line " + line + ": invalid \\" + escape + " escape in string literal: \\"
                    + escape + hex + " (needs " + digits + " hex digits)");
        }
        int codePoint = Integer.parseUnsignedInt(hex, 16);
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT) {
            throw new TemplateException("line " + line + ": invalid \\" + escape + " escape in string literal: \\"
                    + escape + hex + " is not a Unicode code point");
        }
        pos += digits;
        return codePoint;
    }

    private void addText(String text) {
        if (!text.isEmpty()) {
            tokens.add(new Token(Token.Type.TEXT, text, line));
        }
    }

    private static int count(String text, int from, int to) {
        int newlines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                newlines++;
            }
        }
        return newlines;
    }
}
