package org.thinktrace.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;

/**
 * Links in an answer: a click on an {@code http} or {@code https} link hands its address to {@code open} (the
 * system browser in the app); any other destination ({@code file:}, {@code javascript:}, a relative path) is never
 * opened. Either way hovering shows where the link points, since a model can write any text over any address.
 */
final class WebLinks {

    /** The longest address a tooltip shows whole. */
    private static final int SHOWN_LENGTH = 200;

    private final Consumer<String> open;

    WebLinks(Consumer<String> open) {
        this.open = open;
    }

    /** {@code destination} as an address the browser may open: absolute, {@code http} or {@code https}, with a host. */
    static Optional<URI> openable(String destination) {
        if (destination == null || destination.isBlank()) return Optional.empty();
        try {
            URI uri = new URI(destination.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && uri.getHost() != null && !uri.getHost().isEmpty() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Makes {@code nodes}, the text of one link, show {@code destination} on hover and open it on a click. */
    void install(List<Node> nodes, String destination) {
        Optional<URI> uri = openable(destination);
        String shown = destination.length() > SHOWN_LENGTH ? destination.substring(0, SHOWN_LENGTH) + "…" : destination;
        Tooltip tip = new Tooltip(uri.isPresent() ? shown : shown + "\n(not a web address: not opened)");
        for (Node node : nodes) {
            Tooltip.install(node, tip);
            if (uri.isEmpty()) continue;
            node.setCursor(Cursor.HAND);
            node.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) open.accept(uri.get().toString());
            });
        }
    }
}
