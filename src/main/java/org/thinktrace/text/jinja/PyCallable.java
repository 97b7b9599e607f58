package org.thinktrace.text.jinja;

import java.util.List;
import java.util.Map;

/** Something a template can call: a global function, a bound string/dict method, a macro. */
@FunctionalInterface
interface PyCallable {

    Object call(List<Object> arguments, Map<String, Object> keywords);
}
