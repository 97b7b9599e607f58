package org.thinktrace.text.jinja;

/** One lexical token of a template; {@code line} is 1-based, for error messages. */
record Token(Type type, String value, int line) {

    enum Type { TEXT, VARIABLE_BEGIN, VARIABLE_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INTEGER, FLOAT, OPERATOR, END }

    boolean is(Type expected, String text) {
        return type == expected && value.equals(text);
    }

    boolean isOperator(String text) {
        return is(Type.OPERATOR, text);
    }

    boolean isName(String text) {
        return is(Type.NAME, text);
    }
}
