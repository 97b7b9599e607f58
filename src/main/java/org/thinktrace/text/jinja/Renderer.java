package org.thinktrace.text.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Executes a parsed template against variables, with Python value semantics. One instance per render. */
final class Renderer {

    /** Thrown by {@code {% break %}} and caught by the enclosing loop. */
    private static final class BreakSignal extends RuntimeException {
        BreakSignal() {
            super(null, null, false, false);
        }
    }

    /** Thrown by {@code {% continue %}} and caught by the enclosing loop. */
    private static final class ContinueSignal extends RuntimeException {
        ContinueSignal() {
            super(null, null, false, false);
        }
    }

    private final Tests tests = new Tests();
    private final Filters filters = new Filters(tests, this);
    private final RenderBudget budget;

    Renderer(RenderBudget budget) {
        this.budget = budget;
    }

    void execute(List<Node> nodes, Scope scope, Output out) {
        for (Node node : nodes) {
            execute(node, scope, out);
        }
    }

    private void execute(Node node, Scope scope, Output out) {
        switch (node) {
            case Node.Text text -> out.append(text.text());
            case Node.Output output -> out.append(evaluate(output.expression(), scope));
            case Node.If ifNode -> {
                for (Node.Branch branch : ifNode.branches()) {
                    if (PyValues.truthy(evaluate(branch.test(), scope))) {
                        execute(branch.body(), scope, out);
                        return;
                    }
                }
                execute(ifNode.otherwise(), scope, out);
            }
            case Node.For loop -> executeFor(loop, scope, out);
            case Node.Set set -> assign(set, evaluate(set.value(), scope), scope);
            case Node.SetBlock block -> {
                Output captured = new Output(budget);
                execute(block.body(), scope, captured);
                scope.set(block.target(), captured.value());
            }
            case Node.Macro macro -> scope.set(macro.name(), macroCallable(macro, scope));
            case Node.Block block -> execute(block.body(), scope, out);
            case Node.Break ignored -> throw new BreakSignal();
            case Node.Continue ignored -> throw new ContinueSignal();
        }
    }

    private void executeFor(Node.For loop, Scope scope, Output out) {
        List<Object> items = PyValues.iterate(evaluate(loop.iterable(), scope), loop.line());
        if (loop.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                budget.iteration();
                Scope probe = new Scope(scope);
                bindTargets(loop.targets(), item, probe, loop.line());
                if (PyValues.truthy(evaluate(loop.filter(), probe))) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        if (items.isEmpty()) {
            execute(loop.otherwise(), scope, out);
            return;
        }
        for (int index = 0; index < items.size(); index++) {
            budget.iteration();
            Scope body = new Scope(scope);
            bindTargets(loop.targets(), items.get(index), body, loop.line());
            body.set("loop", new LoopInfo(items, index));
            try {
                execute(loop.body(), body, out);
            } catch (ContinueSignal next) {
                continue;
            } catch (BreakSignal stop) {
                return;
            }
        }
    }

    private void bindTargets(List<String> targets, Object item, Scope scope, int line) {
        if (targets.size() == 1) {
            scope.set(targets.getFirst(), item);
            return;
        }
        List<Object> values = PyValues.iterate(item, line);
        if (values.size() != targets.size()) {
            throw new TemplateException("line " + line + ": cannot unpack " + values.size() + " values into " + targets);
        }
        for (int i = 0; i < targets.size(); i++) {
            scope.set(targets.get(i), values.get(i));
        }
    }

    private void assign(Node.Set set, Object value, Scope scope) {
        if (set.attribute() != null) {
            Object target = scope.lookup(set.targets().getFirst());
            if (!(target instanceof Namespace namespace)) {
                throw new TemplateException("line " + set.line() + ": can only set attributes of a namespace, '"
                        + set.targets().getFirst() + "' is " + PyValues.typeName(target));
            }
            namespace.set(set.attribute(), value);
            return;
        }
        bindTargets(set.targets(), value, scope, set.line());
    }

    private PyCallable macroCallable(Node.Macro macro, Scope definitionScope) {
        return (arguments, keywords) -> {
            budget.enterCall();
            try {
                return callMacro(macro, definitionScope, arguments, keywords);
            } finally {
                budget.leaveCall();
            }
        };
    }

    private Object callMacro(Node.Macro macro, Scope definitionScope, List<Object> arguments,
                             Map<String, Object> keywords) {
        {
            Scope call = new Scope(definitionScope);
            for (int i = 0; i < macro.parameters().size(); i++) {
                String parameter = macro.parameters().get(i);
                Object value;
                if (i < arguments.size()) {
                    value = arguments.get(i);
                } else if (keywords.containsKey(parameter)) {
                    value = keywords.get(parameter);
                } else if (macro.defaults().get(i) != null) {
                    value = evaluate(macro.defaults().get(i), call);
                } else {
                    value = new Undefined("macro parameter '" + parameter + "'");
                }
                call.set(parameter, value);
            }
            Output captured = new Output(budget);
            execute(macro.body(), call, captured);
            return captured.value();
        }
    }

    Object evaluate(Expr expr, Scope scope) {
        budget.at(expr.line());
        return switch (expr) {
            case Expr.Literal literal -> literal.value();
            case Expr.Name name -> scope.lookup(name.name());
            case Expr.ListLiteral list -> {
                List<Object> items = new ArrayList<>();
                list.items().forEach(item -> items.add(evaluate(item, scope)));
                yield list.tuple() ? new PyTuple(items) : items;
            }
            case Expr.DictLiteral dict -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < dict.keys().size(); i++) {
                    Object key = evaluate(dict.keys().get(i), scope);
                    map.put(key instanceof MarkedString marked ? marked.toString() : key, evaluate(dict.values().get(i), scope));
                }
                yield map;
            }
            case Expr.Attribute attribute -> attribute(evaluate(attribute.target(), scope), attribute.name(), attribute.line());
            case Expr.Item item -> item(evaluate(item.target(), scope), evaluate(item.index(), scope), item.line());
            case Expr.Slice slice -> slice(evaluate(slice.target(), scope), optional(slice.start(), scope),
                    optional(slice.stop(), scope), optional(slice.step(), scope), slice.line());
            case Expr.Call call -> call(call, scope);
            case Expr.Filter filter -> filters.apply(filter.name(), evaluate(filter.value(), scope),
                    values(filter.arguments(), scope), keywords(filter.keywordNames(), filter.keywordValues(), scope), filter.line());
            case Expr.Test test -> test.negated() != tests.apply(test.name(), evaluate(test.value(), scope),
                    values(test.arguments(), scope), test.line());
            case Expr.Not not -> !PyValues.truthy(evaluate(not.operand(), scope));
            case Expr.Negate negate -> {
                Object operand = evaluate(negate.operand(), scope);
                // -x of a float flips its sign, so -0.0 stays negative zero as in Python (0 - 0.0 is 0.0).
                yield operand instanceof Double number ? (Object) (-number) : arithmetic("-", 0L, operand, negate.line());
            }
            case Expr.Logical logical -> {
                Object left = evaluate(logical.left(), scope);
                boolean decided = logical.isAnd() != PyValues.truthy(left);
                yield decided ? left : evaluate(logical.right(), scope);
            }
            case Expr.Conditional conditional -> PyValues.truthy(evaluate(conditional.test(), scope))
                    ? evaluate(conditional.then(), scope)
                    : conditional.otherwise() == null ? new Undefined("conditional without else")
                    : evaluate(conditional.otherwise(), scope);
            case Expr.Binary binary -> binary(binary, scope);
            case Expr.Compare chain -> {
                Object left = evaluate(chain.first(), scope);
                for (int i = 0; i < chain.operators().size(); i++) {
                    Object right = evaluate(chain.operands().get(i), scope);
                    if (!comparison(chain.operators().get(i), left, right, chain.line())) {
                        yield false;
                    }
                    left = right;
                }
                yield true;
            }
        };
    }

    private Object optional(Expr expr, Scope scope) {
        return expr == null ? null : evaluate(expr, scope);
    }

    private List<Object> values(List<Expr> exprs, Scope scope) {
        List<Object> values = new ArrayList<>();
        exprs.forEach(expr -> values.add(evaluate(expr, scope)));
        return values;
    }

    private Map<String, Object> keywords(List<String> names, List<Expr> exprs, Scope scope) {
        Map<String, Object> keywords = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            keywords.put(names.get(i), evaluate(exprs.get(i), scope));
        }
        return keywords;
    }

    private Object call(Expr.Call call, Scope scope) {
        Object callee = evaluate(call.callee(), scope);
        if (!(callee instanceof PyCallable callable)) {
            String shown = call.callee() instanceof Expr.Attribute attribute ? "'" + attribute.name() + "'"
                    : call.callee() instanceof Expr.Name name ? "'" + name.name() + "'" : "value";
            throw new TemplateException("line " + call.line() + ": " + shown + " is not callable ("
                    + PyValues.typeName(callee) + ")");
        }
        return callable.call(values(call.arguments(), scope), keywords(call.keywordNames(), call.keywordValues(), scope));
    }

    /** Jinja's {@code obj.name}: a method first, then a key of a dict or namespace, else undefined. */
    Object attribute(Object target, String name, int line) {
        if (target instanceof Undefined undefined) {
            throw new TemplateException("line " + line + ": " + undefined.description() + " is undefined, cannot read ." + name);
        }
        PyCallable method = PyMethods.method(target, name, line);
        if (method != null) {
            return method;
        }
        return switch (target) {
            case Map<?, ?> map -> map.containsKey(name) ? map.get(name) : new Undefined("'" + name + "'");
            case Namespace namespace -> namespace.get(name);
            case LoopInfo loop -> loop.attribute(name);
            case null, default -> new Undefined("attribute '" + name + "' of " + PyValues.typeName(target));
        };
    }

    /** Jinja's {@code obj[key]}: a key or index first (negative indexes count from the end), then a method. */
    Object item(Object target, Object key, int line) {
        if (target instanceof Undefined undefined) {
            throw new TemplateException("line " + line + ": " + undefined.description() + " is undefined, cannot index it");
        }
        if (target instanceof Map<?, ?> map) {
            Object plainKey = key instanceof MarkedString marked ? marked.toString() : key;
            if (map.containsKey(plainKey)) {
                return map.get(plainKey);
            }
        } else if (target instanceof List<?> list && (key instanceof Long || key instanceof Integer)) {
            long index = ((Number) key).longValue();
            if (index < 0) {
                index += list.size();
            }
            return index >= 0 && index < list.size() ? list.get((int) index)
                    : new Undefined("index " + key + " of a " + list.size() + "-item list");
        } else if (PyValues.isString(target) && (key instanceof Long || key instanceof Integer)) {
            Object character = PyValues.characterAt(target, ((Number) key).longValue());
            return character != null ? character : new Undefined("index " + key + " of a "
                    + PyValues.codePoints(target.toString()) + "-character str");
        } else if (target instanceof Namespace || target instanceof LoopInfo) {
            return attribute(target, PyValues.str(key), line);
        }
        if (PyValues.isString(key)) {
            return attribute(target, key.toString(), line);
        }
        return new Undefined("item " + PyValues.repr(key) + " of " + PyValues.typeName(target));
    }

    /** Python slicing of lists and strings ({@code [::-1]}, {@code [1:]}, {@code [:-1]} …). */
    Object slice(Object target, Object start, Object stop, Object step, int line) {
        boolean string = PyValues.isString(target);
        List<Object> items = string ? null : PyValues.iterate(target, line);
        int size = string ? PyValues.codePoints(target.toString()) : items.size();
        long stride = step == null ? 1 : PyValues.toLong(step, line);
        if (stride == 0) {
            throw new TemplateException("line " + line + ": slice step cannot be zero");
        }
        long from = bound(start, stride > 0 ? 0 : size - 1, size, stride, line);
        long to = bound(stop, stride > 0 ? size : -1, size, stride, line);
        if (string) {
            return PyValues.sliceString(target, from, to, stride);
        }
        List<Object> result = new ArrayList<>();
        for (long i = from; stride > 0 ? i < to : i > to; i += stride) {
            result.add(items.get((int) i));
        }
        return result;
    }

    private static long bound(Object value, long absent, int size, long stride, int line) {
        if (value == null) {
            return absent;
        }
        long index = PyValues.toLong(value, line);
        if (index < 0) {
            index += size;
        }
        return stride > 0 ? Math.clamp(index, 0, size) : Math.clamp(index, -1, size - 1);
    }

    private Object binary(Expr.Binary binary, Scope scope) {
        Object left = evaluate(binary.left(), scope);
        Object right = evaluate(binary.right(), scope);
        int line = binary.line();
        return switch (binary.operator()) {
            case "==", "!=", "<", "<=", ">", ">=", "in", "not in" -> comparison(binary.operator(), left, right, line);
            case "~" -> MarkedString.concat(stringForm(left), stringForm(right));
            default -> arithmetic(binary.operator(), left, right, line);
        };
    }

    private static boolean comparison(String operator, Object left, Object right, int line) {
        if ((PyValues.isNaN(left) || PyValues.isNaN(right)) && operator.matches("[<>]=?")) {
            PyValues.compare(left, right, line);
            return false;
        }
        return switch (operator) {
            case "==" -> PyValues.equal(left, right);
            case "!=" -> !PyValues.equal(left, right);
            case "<" -> PyValues.compare(left, right, line) < 0;
            case "<=" -> PyValues.compare(left, right, line) <= 0;
            case ">" -> PyValues.compare(left, right, line) > 0;
            case ">=" -> PyValues.compare(left, right, line) >= 0;
            case "in" -> PyValues.contains(right, left, line);
            case "not in" -> !PyValues.contains(right, left, line);
            default -> throw new TemplateException("line " + line + ": unknown comparison " + operator);
        };
    }

    private static Object stringForm(Object value) {
        return PyValues.isString(value) ? value : PyValues.str(value);
    }

    Object arithmetic(String operator, Object left, Object right, int line) {
        if (left instanceof Undefined || right instanceof Undefined) {
            Undefined undefined = (Undefined) (left instanceof Undefined ? left : right);
            throw new TemplateException("line " + line + ": " + undefined.description() + " is undefined, cannot use it with " + operator);
        }
        if (operator.equals("+") && PyValues.isString(left) && PyValues.isString(right)) {
            return MarkedString.concat(left, right);
        }
        if (operator.equals("+") && left instanceof List<?> a && right instanceof List<?> b) {
            budget.sequence((long) a.size() + b.size());
            List<Object> joined = new ArrayList<>(a);
            joined.addAll(b);
            return joined;
        }
        if (operator.equals("%") && PyValues.isString(left)) {
            return PyMethods.percentFormat(left, right, line);
        }
        if (operator.equals("*") && PyValues.isString(left) && (right instanceof Long || right instanceof Integer)) {
            long count = Math.max(0, PyValues.toLong(right, line));
            budget.text(RenderBudget.repeated(count, left.toString().length()));
            return MarkedString.derived(left, left.toString().repeat((int) count));
        }
        if (!(isNumeric(left) && isNumeric(right))) {
            throw new TemplateException("line " + line + ": unsupported operand types for " + operator + ": "
                    + PyValues.typeName(left) + " and " + PyValues.typeName(right));
        }
        boolean integers = !(left instanceof Double) && !(right instanceof Double);
        if (integers) {
            long a = PyValues.toLong(left, line);
            long b = PyValues.toLong(right, line);
            return switch (operator) {
                case "+" -> exact(() -> Math.addExact(a, b), operator, line);
                case "-" -> exact(() -> Math.subtractExact(a, b), operator, line);
                case "*" -> exact(() -> Math.multiplyExact(a, b), operator, line);
                case "/" -> (double) a / divisor(b, line);
                case "//" -> Math.floorDiv(a, divisor(b, line));
                case "%" -> Math.floorMod(a, divisor(b, line));
                case "**" -> b >= 0 ? (Object) exact(() -> power(a, b), operator, line) : (Object) Math.pow(a, b);
                default -> throw new TemplateException("line " + line + ": unknown operator " + operator);
            };
        }
        double a = ((Number) (left instanceof Boolean bool ? (bool ? 1L : 0L) : left)).doubleValue();
        double b = ((Number) (right instanceof Boolean bool ? (bool ? 1L : 0L) : right)).doubleValue();
        return switch (operator) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> a / b;
            case "//" -> Math.floor(a / b);
            case "%" -> a - b * Math.floor(a / b);
            case "**" -> Math.pow(a, b);
            default -> throw new TemplateException("line " + line + ": unknown operator " + operator);
        };
    }

    /**
     * An integer operation whose result a 64-bit long holds: Python's integers have no bound, so a result that
     * overflows is refused rather than wrapped.
     */
    private static long exact(java.util.function.LongSupplier operation, String operator, int line) {
        try {
            return operation.getAsLong();
        } catch (ArithmeticException overflow) {
            throw new TemplateException("line " + line + ": integer " + operator + " overflows this engine's 64-bit integers");
        }
    }

    /** {@code a ** b} for {@code b >= 0} by squaring; {@link ArithmeticException} when it overflows. */
    private static long power(long a, long b) {
        long result = 1;
        long base = a;
        for (long exponent = b; exponent > 0; ) {
            if ((exponent & 1) == 1) {
                result = Math.multiplyExact(result, base);
            }
            exponent >>= 1;
            if (exponent > 0) {
                base = Math.multiplyExact(base, base);
            }
        }
        return result;
    }

    private static boolean isNumeric(Object value) {
        return PyValues.isNumber(value) || value instanceof Boolean;
    }

    private static long divisor(long value, int line) {
        if (value == 0) {
            throw new TemplateException("line " + line + ": division by zero");
        }
        return value;
    }
}
