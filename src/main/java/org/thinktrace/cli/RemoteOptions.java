package org.thinktrace.cli;

import picocli.CommandLine.Option;

/** {@code --remote URL --remote-model NAME}: generate on an OpenAI-compatible server instead of a local model. */
final class RemoteOptions {

    @Option(names = "--remote", paramLabel = "URL",
            description = "generate on an OpenAI-compatible server, e.g. http://host:8000/v1 (default: none, the local model)")
    String url;

    @Option(names = "--remote-model", paramLabel = "NAME",
            description = "the model name the server knows (required with --remote; default: none)")
    String model;

    boolean isRemote() {
        return url != null;
    }
}
