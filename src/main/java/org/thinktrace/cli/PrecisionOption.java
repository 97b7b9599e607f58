package org.thinktrace.cli;

import java.util.Iterator;
import org.thinktrace.model.AutoPrecision;
import org.thinktrace.model.PrecisionChoice;
import picocli.CommandLine.Option;

/**
 * {@code --dtype D} (a picocli mixin) for every command that loads a model: the weight precision, {@code auto} by
 * default. Its values are {@link PrecisionChoice#names()}, so a new precision joins every command at once.
 */
final class PrecisionOption {

    @Option(names = "--dtype", paramLabel = "D", completionCandidates = Names.class,
            description = "weight precision: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: " + AutoPrecision.RULE + ")")
    String dtype = PrecisionChoice.AUTO_NAME;

    /** The precision asked for. */
    PrecisionChoice choice() throws UsageException {
        return parse(dtype);
    }

    /**
     * {@code value} as a precision choice.
     *
     * @throws UsageException naming {@code --dtype}, the value and every accepted one
     */
    static PrecisionChoice parse(String value) throws UsageException {
        try {
            return PrecisionChoice.named(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dtype must be one of " + String.join(", ", PrecisionChoice.names())
                    + ", got '" + value + "'");
        }
    }

    /** The accepted values, for the help text and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PrecisionChoice.names().iterator();
        }
    }
}
