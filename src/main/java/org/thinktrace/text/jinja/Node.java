package org.thinktrace.text.jinja;

import java.util.List;

/** A statement of a parsed template. */
sealed interface Node {

    /** Literal text, written as is. */
    record Text(String text) implements Node {
    }

    /** {@code {{ expression }}}. */
    record Output(Expr expression, int line) implements Node {
    }

    /** {@code {% if %}…{% elif %}…{% else %}…{% endif %}}: the first branch whose test is true runs. */
    record If(List<Branch> branches, List<Node> otherwise) implements Node {
    }

    record Branch(Expr test, List<Node> body) {
    }

    /** {@code {% for a, b in items if test %}…{% else %}…{% endfor %}}. */
    record For(List<String> targets, Expr iterable, Expr filter, List<Node> body, List<Node> otherwise, int line) implements Node {
    }

    /** {@code {% set x = … %}}, {@code {% set a, b = … %}} or {@code {% set ns.attr = … %}}. */
    record Set(List<String> targets, String attribute, Expr value, int line) implements Node {
    }

    /** {@code {% set x %}…{% endset %}}: the rendered body becomes the value. */
    record SetBlock(String target, List<Node> body) implements Node {
    }

    /** {@code {% macro name(a, b=default) %}…{% endmacro %}}. */
    record Macro(String name, List<String> parameters, List<Expr> defaults, List<Node> body) implements Node {
    }

    /** A block whose body renders as is, such as HF's {@code {% generation %}}. */
    record Block(List<Node> body) implements Node {
    }

    record Break(int line) implements Node {
    }

    record Continue(int line) implements Node {
    }
}
