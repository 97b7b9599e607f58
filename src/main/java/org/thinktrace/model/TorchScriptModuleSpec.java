package org.thinktrace.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TorchScript module that holds no tensors of its own: a class named {@code className} in the
 * {@code __torch__} namespace whose methods are given as TorchScript source, each starting at
 * column 0 with {@code def name(self, ...)} and indented with spaces below that. Tensors and other
 * values come in as method arguments, so the module is a way to call ATen or registered operators
 * ({@code torch.<aten op>}, {@code ops.<namespace>.<op>}) that DJL has no call for.
 *
 * <p>Example method: {@code "def forward(self, x: Tensor, w: Tensor) -> Tensor:\n  return torch.matmul(x, w)\n"}.
 *
 * @param className a Python identifier, not starting with two underscores
 * @param methods   one or more method definitions with distinct names
 * @throws IllegalArgumentException naming the field and value when either does not hold
 */
public record TorchScriptModuleSpec(String className, List<String> methods) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern METHOD_HEAD = Pattern.compile("def ([A-Za-z_][A-Za-z0-9_]*)\\(self\\b");

    public TorchScriptModuleSpec {
        if (className == null || !IDENTIFIER.matcher(className).matches() || className.startsWith("__")) {
            throw new IllegalArgumentException("TorchScript module spec: className must be a Python identifier not "
                    + "starting with \"__\", got " + quoted(className));
        }
        if (methods == null || methods.isEmpty()) {
            throw new IllegalArgumentException("TorchScript module spec for class " + className + ": methods is empty");
        }
        methods = List.copyOf(methods);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < methods.size(); i++) {
            String method = methods.get(i);
            Matcher head = METHOD_HEAD.matcher(method);
            String where = "TorchScript module spec for class " + className + ": methods[" + i + "]";
            if (!head.lookingAt()) {
                throw new IllegalArgumentException(where + " must start with \"def <name>(self\", got "
                        + quoted(firstLine(method)));
            }
            if (method.indexOf('\t') >= 0) {
                throw new IllegalArgumentException(where + " (" + head.group(1) + ") contains a tab: indent with spaces");
            }
            if (!names.add(head.group(1))) {
                throw new IllegalArgumentException(where + " defines " + head.group(1) + " a second time");
            }
        }
    }

    /** The class's qualified name as TorchScript sees it. */
    public String qualifiedName() {
        return "__torch__." + className;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
