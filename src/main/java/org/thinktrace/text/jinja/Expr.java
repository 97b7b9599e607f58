package org.thinktrace.text.jinja;

import java.util.List;

/** An expression of a parsed template. Every node keeps its line for error messages. */
sealed interface Expr {

    int line();

    record Literal(Object value, int line) implements Expr {
    }

    record Name(String name, int line) implements Expr {
    }

    /** {@code [a, b]}, or with {@code tuple} true {@code (a, b)} / {@code a, b}. */
    record ListLiteral(List<Expr> items, boolean tuple, int line) implements Expr {
    }

    record DictLiteral(List<Expr> keys, List<Expr> values, int line) implements Expr {
    }

    /** {@code target.name}. */
    record Attribute(Expr target, String name, int line) implements Expr {
    }

    /** {@code target[index]}. */
    record Item(Expr target, Expr index, int line) implements Expr {
    }

    /** {@code target[start:stop:step]}; absent parts are {@code null}. */
    record Slice(Expr target, Expr start, Expr stop, Expr step, int line) implements Expr {
    }

    record Call(Expr callee, List<Expr> arguments, List<String> keywordNames, List<Expr> keywordValues, int line) implements Expr {
    }

    /** {@code value | name(arguments)}. */
    record Filter(Expr value, String name, List<Expr> arguments, List<String> keywordNames, List<Expr> keywordValues,
                  int line) implements Expr {
    }

    /** {@code value is [not] name(arguments)}. */
    record Test(Expr value, String name, List<Expr> arguments, boolean negated, int line) implements Expr {
    }

    record Not(Expr operand, int line) implements Expr {
    }

    record Negate(Expr operand, int line) implements Expr {
    }

    /** Arithmetic, concatenation ({@code ~}), comparison and membership operators. */
    record Binary(String operator, Expr left, Expr right, int line) implements Expr {
    }

    /**
     * A chain of two or more comparisons, {@code a < b < c}: as in Python, {@code a < b and b < c} with
     * {@code b} evaluated once, stopping at the first false link. One comparison is a {@link Binary}.
     */
    record Compare(Expr first, List<String> operators, List<Expr> operands, int line) implements Expr {
    }

    /** {@code and} / {@code or}, which return one of their operands as Python does. */
    record Logical(boolean isAnd, Expr left, Expr right, int line) implements Expr {
    }

    /** {@code then if test else otherwise}; without else the result is undefined. */
    record Conditional(Expr test, Expr then, Expr otherwise, int line) implements Expr {
    }
}
