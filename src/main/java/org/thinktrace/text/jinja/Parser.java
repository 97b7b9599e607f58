package org.thinktrace.text.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recursive-descent parser of Jinja statements and expressions, with Jinja's operator precedence. */
final class Parser {

    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final List<Token> tokens;
    private final int maxDepth;
    private int pos;
    private int depth;

    private Parser(List<Token> tokens, int maxDepth) {
        this.tokens = tokens;
        this.maxDepth = maxDepth;
    }

    /**
     * Parses a template; blocks and sub-expressions may nest at most {@code maxDepth} deep together, which
     * bounds the parser's (and the renderer's) recursion whatever the source.
     */
    static List<Node> parse(String source, int maxDepth) {
        Parser parser = new Parser(Lexer.tokenize(source), maxDepth);
        try {
            List<Node> nodes = parser.body(Set.of());
            if (parser.peek().type() != Token.Type.END) {
                throw parser.error("unexpected '" + parser.peek().value() + "'");
            }
            return nodes;
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            // A fault the parser has no message for: named with the line of the token it stopped at.
            throw new TemplateException("line " + parser.peek().line() + ": the template parser failed on this template ("
                    + e + ")", e);
        }
    }

    private static long integer(Token token) {
        try {
            return Long.parseLong(token.value());
        } catch (NumberFormatException tooLarge) {
            throw new TemplateException("line " + token.line() + ": integer literal " + token.value()
                    + " does not fit this engine's 64-bit integers");
        }
    }

    // ---- statements ----

    /** Parses nodes until a block tag whose name is in {@code enders} (left unconsumed) or the end. */
    private List<Node> body(Set<String> enders) {
        enter();
        try {
            return bodyNodes(enders);
        } finally {
            depth--;
        }
    }

    /** One level deeper in blocks or sub-expressions; fails past the nesting limit. */
    private void enter() {
        if (++depth > maxDepth) {
            throw RenderBudget.exceeded("nesting depth of blocks and expressions", maxDepth, peek().line());
        }
    }

    /**
     * One more link of a left-nested chain ({@code a + b + …}, {@code x | f | g …}, {@code a.b.c…}): a chain
     * parses in a loop, but it renders by recursion, one level per link, so its length counts as nesting too.
     */
    private int link(int links) {
        if (depth + links + 1 > maxDepth) {
            throw RenderBudget.exceeded("nesting depth of blocks and expressions", maxDepth, peek().line());
        }
        return links + 1;
    }

    private List<Node> bodyNodes(Set<String> enders) {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            Token token = peek();
            switch (token.type()) {
                case END -> {
                    if (!enders.isEmpty()) {
                        throw error("template ends before {% " + String.join(" / ", enders) + " %}");
                    }
                    return nodes;
                }
                case TEXT -> {
                    pos++;
                    nodes.add(new Node.Text(token.value()));
                }
                case VARIABLE_BEGIN -> {
                    pos++;
                    Expr expression = expression();
                    expect(Token.Type.VARIABLE_END, "}}");
                    nodes.add(new Node.Output(expression, token.line()));
                }
                case BLOCK_BEGIN -> {
                    Token name = tokens.get(pos + 1);
                    if (enders.contains(name.value())) {
                        return nodes;
                    }
                    pos += 2;
                    nodes.add(statement(name));
                }
                default -> throw error("unexpected '" + token.value() + "'");
            }
        }
    }

    private Node statement(Token name) {
        int line = name.line();
        return switch (name.value()) {
            case "if" -> ifStatement();
            case "for" -> forStatement(line);
            case "set" -> setStatement(line);
            case "macro" -> macroStatement();
            case "generation" -> {
                endTag();
                List<Node> body = body(Set.of("endgeneration"));
                closeBlock("endgeneration");
                yield new Node.Block(body);
            }
            case "break" -> {
                endTag();
                yield new Node.Break(line);
            }
            case "continue" -> {
                endTag();
                yield new Node.Continue(line);
            }
            default -> throw new TemplateException("line " + line + ": unknown tag {% " + name.value() + " %}");
        };
    }

    private Node ifStatement() {
        List<Node.Branch> branches = new ArrayList<>();
        Expr test = expression();
        endTag();
        Set<String> enders = Set.of("elif", "else", "endif");
        branches.add(new Node.Branch(test, body(enders)));
        List<Node> otherwise = List.of();
        while (true) {
            pos++;
            String tag = next().value();
            if (tag.equals("elif")) {
                Expr elifTest = expression();
                endTag();
                branches.add(new Node.Branch(elifTest, body(enders)));
            } else if (tag.equals("else")) {
                endTag();
                otherwise = body(Set.of("endif"));
            } else {
                endTag();
                return new Node.If(branches, otherwise);
            }
        }
    }

    private Node forStatement(int line) {
        List<String> targets = new ArrayList<>();
        targets.add(name());
        while (peek().isOperator(",")) {
            pos++;
            targets.add(name());
        }
        expectName("in");
        Expr iterable = or();
        Expr filter = null;
        if (peek().isName("if")) {
            pos++;
            filter = or();
        }
        if (peek().isName("recursive")) {
            throw error("recursive loops are not supported");
        }
        endTag();
        List<Node> loopBody = body(Set.of("else", "endfor"));
        List<Node> otherwise = List.of();
        pos++;
        if (next().value().equals("else")) {
            endTag();
            otherwise = body(Set.of("endfor"));
            closeBlock("endfor");
        } else {
            endTag();
        }
        return new Node.For(targets, iterable, filter, loopBody, otherwise, line);
    }

    private Node setStatement(int line) {
        List<String> targets = new ArrayList<>();
        targets.add(name());
        String attribute = null;
        if (peek().isOperator(".")) {
            pos++;
            attribute = name();
        }
        while (peek().isOperator(",")) {
            pos++;
            targets.add(name());
        }
        if (peek().type() == Token.Type.BLOCK_END && attribute == null && targets.size() == 1) {
            pos++;
            List<Node> body = body(Set.of("endset"));
            closeBlock("endset");
            return new Node.SetBlock(targets.getFirst(), body);
        }
        expectOperator("=");
        Expr value = tupleOrExpression();
        endTag();
        return new Node.Set(targets, attribute, value, line);
    }

    private Node macroStatement() {
        String macroName = name();
        expectOperator("(");
        List<String> parameters = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        while (!peek().isOperator(")")) {
            parameters.add(name());
            if (peek().isOperator("=")) {
                pos++;
                defaults.add(expression());
            } else {
                defaults.add(null);
            }
            if (!peek().isOperator(")")) {
                expectOperator(",");
            }
        }
        pos++;
        endTag();
        List<Node> body = body(Set.of("endmacro"));
        closeBlock("endmacro");
        return new Node.Macro(macroName, parameters, defaults, body);
    }

    private void closeBlock(String tag) {
        expect(Token.Type.BLOCK_BEGIN, "{%");
        expectName(tag);
        endTag();
    }

    private void endTag() {
        expect(Token.Type.BLOCK_END, "%}");
    }

    // ---- expressions ----

    /** An expression or an unparenthesised tuple ({@code set a, b = 1, 2}). */
    private Expr tupleOrExpression() {
        int line = peek().line();
        Expr first = expression();
        if (!peek().isOperator(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (peek().isOperator(",")) {
            pos++;
            items.add(expression());
        }
        return new Expr.ListLiteral(items, true, line);
    }

    /** A full expression; {@link #or()} is one without a trailing {@code if}, as {@code for x in items if test} needs. */
    private Expr expression() {
        enter();
        try {
            return conditionalExpression();
        } finally {
            depth--;
        }
    }

    private Expr conditionalExpression() {
        Expr value = or();
        int links = 0;
        while (peek().isName("if")) {
            links = link(links);
            int line = next().line();
            Expr test = or();
            Expr otherwise = null;
            if (peek().isName("else")) {
                pos++;
                otherwise = expression();
            }
            value = new Expr.Conditional(test, value, otherwise, line);
        }
        return value;
    }

    private Expr or() {
        Expr left = and();
        int links = 0;
        while (peek().isName("or")) {
            links = link(links);
            int line = next().line();
            left = new Expr.Logical(false, left, and(), line);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        int links = 0;
        while (peek().isName("and")) {
            links = link(links);
            int line = next().line();
            left = new Expr.Logical(true, left, not(), line);
        }
        return left;
    }

    private Expr not() {
        if (peek().isName("not")) {
            int line = next().line();
            enter();
            try {
                return new Expr.Not(not(), line);
            } finally {
                depth--;
            }
        }
        return compare();
    }

    /** A comparison, or a chain of them ({@code 1 < x <= 3}) as Python and Jinja2 read it. */
    private Expr compare() {
        Expr first = sum();
        List<String> operators = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        int line = peek().line();
        int links = 0;
        while (true) {
            Token token = peek();
            String operator;
            if (token.type() == Token.Type.OPERATOR && COMPARISONS.contains(token.value())) {
                operator = token.value();
                pos++;
            } else if (token.isName("in")) {
                operator = "in";
                pos++;
            } else if (token.isName("not") && tokens.get(pos + 1).isName("in")) {
                operator = "not in";
                pos += 2;
            } else {
                break;
            }
            links = link(links);
            operators.add(operator);
            operands.add(sum());
        }
        if (operators.isEmpty()) {
            return first;
        }
        if (operators.size() == 1) {
            return new Expr.Binary(operators.getFirst(), first, operands.getFirst(), line);
        }
        return new Expr.Compare(first, List.copyOf(operators), List.copyOf(operands), line);
    }

    private Expr sum() {
        Expr left = concat();
        int links = 0;
        while (peek().isOperator("+") || peek().isOperator("-")) {
            links = link(links);
            Token operator = next();
            left = new Expr.Binary(operator.value(), left, concat(), operator.line());
        }
        return left;
    }

    private Expr concat() {
        Expr left = product();
        int links = 0;
        while (peek().isOperator("~")) {
            links = link(links);
            Token operator = next();
            left = new Expr.Binary("~", left, product(), operator.line());
        }
        return left;
    }

    private Expr product() {
        Expr left = power();
        int links = 0;
        while (peek().isOperator("*") || peek().isOperator("/") || peek().isOperator("//") || peek().isOperator("%")) {
            links = link(links);
            Token operator = next();
            left = new Expr.Binary(operator.value(), left, power(), operator.line());
        }
        return left;
    }

    private Expr power() {
        Expr left = unary(true);
        int links = 0;
        while (peek().isOperator("**")) {
            links = link(links);
            Token operator = next();
            left = new Expr.Binary("**", left, unary(true), operator.line());
        }
        return left;
    }

    private Expr unary(boolean withFilters) {
        Token token = peek();
        Expr value;
        if (token.isOperator("-") || token.isOperator("+")) {
            pos++;
            enter();
            try {
                Expr operand = unary(false);
                value = token.isOperator("-") ? new Expr.Negate(operand, token.line()) : operand;
            } finally {
                depth--;
            }
        } else {
            value = postfix(primary());
        }
        return withFilters ? filtersAndTests(value) : value;
    }

    private Expr primary() {
        Token token = next();
        return switch (token.type()) {
            case NAME -> switch (token.value()) {
                case "true", "True" -> new Expr.Literal(Boolean.TRUE, token.line());
                case "false", "False" -> new Expr.Literal(Boolean.FALSE, token.line());
                case "none", "None" -> new Expr.Literal(null, token.line());
                default -> new Expr.Name(token.value(), token.line());
            };
            case STRING -> {
                StringBuilder text = new StringBuilder(token.value());
                while (peek().type() == Token.Type.STRING) {
                    text.append(next().value());
                }
                yield new Expr.Literal(text.toString(), token.line());
            }
            case INTEGER -> new Expr.Literal(integer(token), token.line());
            case FLOAT -> new Expr.Literal(Double.parseDouble(token.value()), token.line());
            case OPERATOR -> switch (token.value()) {
                case "(" -> parenthesised(token.line());
                case "[" -> new Expr.ListLiteral(items("]"), false, token.line());
                case "{" -> dictionary(token.line());
                default -> throw error("unexpected '" + token.value() + "'", token);
            };
            default -> throw error("unexpected '" + token.value() + "'", token);
        };
    }

    private Expr parenthesised(int line) {
        if (peek().isOperator(")")) {
            pos++;
            return new Expr.ListLiteral(List.of(), true, line);
        }
        Expr first = expression();
        if (peek().isOperator(")")) {
            pos++;
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (peek().isOperator(",")) {
            pos++;
            if (peek().isOperator(")")) {
                break;
            }
            items.add(expression());
        }
        expectOperator(")");
        return new Expr.ListLiteral(items, true, line);
    }

    private List<Expr> items(String close) {
        List<Expr> items = new ArrayList<>();
        while (!peek().isOperator(close)) {
            items.add(expression());
            if (!peek().isOperator(close)) {
                expectOperator(",");
            }
        }
        pos++;
        return items;
    }

    private Expr dictionary(int line) {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!peek().isOperator("}")) {
            keys.add(expression());
            expectOperator(":");
            values.add(expression());
            if (!peek().isOperator("}")) {
                expectOperator(",");
            }
        }
        pos++;
        return new Expr.DictLiteral(keys, values, line);
    }

    private Expr postfix(Expr value) {
        int links = 0;
        while (true) {
            Token token = peek();
            if (token.isOperator(".") || token.isOperator("[") || token.isOperator("(")) {
                links = link(links);
            }
            if (token.isOperator(".")) {
                pos++;
                Token attribute = next();
                if (attribute.type() == Token.Type.INTEGER) {
                    value = new Expr.Item(value, new Expr.Literal(Long.parseLong(attribute.value()), token.line()), token.line());
                } else if (attribute.type() == Token.Type.NAME) {
                    value = new Expr.Attribute(value, attribute.value(), token.line());
                } else {
                    throw error("expected an attribute name after '.'", attribute);
                }
            } else if (token.isOperator("[")) {
                pos++;
                value = subscript(value, token.line());
            } else if (token.isOperator("(")) {
                pos++;
                value = call(value, token.line());
            } else {
                return value;
            }
        }
    }

    private Expr subscript(Expr target, int line) {
        Expr[] parts = new Expr[3];
        int part = 0;
        boolean slice = false;
        while (!peek().isOperator("]")) {
            if (peek().isOperator(":")) {
                pos++;
                slice = true;
                part++;
                if (part > 2) {
                    throw error("a slice has at most two ':'");
                }
            } else {
                parts[part] = expression();
            }
        }
        pos++;
        if (!slice) {
            if (parts[0] == null) {
                throw error("empty subscript []");
            }
            return new Expr.Item(target, parts[0], line);
        }
        return new Expr.Slice(target, parts[0], parts[1], parts[2], line);
    }

    private Expr.Call call(Expr callee, int line) {
        List<Expr> arguments = new ArrayList<>();
        List<String> keywordNames = new ArrayList<>();
        List<Expr> keywordValues = new ArrayList<>();
        arguments(arguments, keywordNames, keywordValues);
        return new Expr.Call(callee, arguments, keywordNames, keywordValues, line);
    }

    /** Parses call arguments after the opening parenthesis, through the closing one. */
    private void arguments(List<Expr> arguments, List<String> keywordNames, List<Expr> keywordValues) {
        while (!peek().isOperator(")")) {
            if (peek().type() == Token.Type.NAME && tokens.get(pos + 1).isOperator("=")) {
                keywordNames.add(next().value());
                pos++;
                keywordValues.add(expression());
            } else {
                if (!keywordNames.isEmpty()) {
                    throw error("positional argument after keyword argument");
                }
                arguments.add(expression());
            }
            if (!peek().isOperator(")")) {
                expectOperator(",");
            }
        }
        pos++;
    }

    private Expr filtersAndTests(Expr value) {
        int links = 0;
        while (true) {
            Token token = peek();
            if (token.isOperator("|") || token.isName("is") || token.isOperator("(")) {
                links = link(links);
            }
            if (token.isOperator("|")) {
                pos++;
                String filterName = name();
                List<Expr> arguments = new ArrayList<>();
                List<String> keywordNames = new ArrayList<>();
                List<Expr> keywordValues = new ArrayList<>();
                if (peek().isOperator("(")) {
                    pos++;
                    arguments(arguments, keywordNames, keywordValues);
                }
                value = new Expr.Filter(value, filterName, arguments, keywordNames, keywordValues, token.line());
            } else if (token.isName("is")) {
                pos++;
                boolean negated = false;
                if (peek().isName("not")) {
                    pos++;
                    negated = true;
                }
                String testName = testName();
                List<Expr> arguments = new ArrayList<>();
                if (peek().isOperator("(")) {
                    pos++;
                    List<String> keywordNames = new ArrayList<>();
                    arguments(arguments, keywordNames, new ArrayList<>());
                    if (!keywordNames.isEmpty()) {
                        throw error("tests take no keyword arguments");
                    }
                } else if (startsTestArgument(peek())) {
                    arguments.add(postfix(primary()));
                }
                value = new Expr.Test(value, testName, arguments, negated, token.line());
            } else if (token.isOperator("(")) {
                pos++;
                value = call(value, token.line());
            } else {
                return value;
            }
        }
    }

    /** Test names include the keywords {@code none}, {@code true}, {@code false} and operators like {@code ==}. */
    private String testName() {
        Token token = next();
        if (token.type() == Token.Type.NAME || (token.type() == Token.Type.OPERATOR && COMPARISONS.contains(token.value()))) {
            return token.value();
        }
        throw error("expected a test name after 'is'", token);
    }

    private static boolean startsTestArgument(Token token) {
        return switch (token.type()) {
            case STRING, INTEGER, FLOAT -> true;
            case NAME -> !Set.of("else", "or", "and", "if", "is", "in", "not").contains(token.value());
            case OPERATOR -> token.value().equals("[") || token.value().equals("{");
            default -> false;
        };
    }

    // ---- token helpers ----

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private String name() {
        Token token = next();
        if (token.type() != Token.Type.NAME) {
            throw error("expected a name, found '" + token.value() + "'", token);
        }
        return token.value();
    }

    private void expectName(String expected) {
        Token token = next();
        if (!token.isName(expected)) {
            throw error("expected '" + expected + "', found '" + token.value() + "'", token);
        }
    }

    private void expectOperator(String expected) {
        Token token = next();
        if (!token.isOperator(expected)) {
            throw error("expected '" + expected + "', found '" + token.value() + "'", token);
        }
    }

    private void expect(Token.Type type, String shown) {
        Token token = next();
        if (token.type() != type) {
            throw error("expected '" + shown + "', found '" + token.value() + "'", token);
        }
    }

    private TemplateException error(String message) {
        return error(message, peek());
    }

    private static TemplateException error(String message, Token at) {
        return new TemplateException("line " + at.line() + ": " + message);
    }
}
