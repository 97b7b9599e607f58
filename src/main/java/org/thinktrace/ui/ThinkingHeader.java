package org.thinktrace.ui;

import java.util.Locale;
import org.thinktrace.generate.FinishReason;

/** The words on top of a thinking pane: live while thinking, a summary once the answer began. */
final class ThinkingHeader {

    private ThinkingHeader() {
    }

    /** While the model thinks: "Thinking… 4.2 s". */
    static String live(double seconds) {
        return "Thinking… " + seconds(seconds);
    }

    /**
     * After the thinking ended: "Thought for 12.3 s · 412 tokens", or why it was cut short.
     *
     * @param seconds    how long it thought; negative when unknown (a response recovered after a crash)
     * @param unfinished the thinking never closed by itself
     * @param forced     the thinking budget closed it
     * @param reason     why the generation ended; null while it still runs
     */
    static String summary(double seconds, int tokens, boolean unfinished, boolean forced, FinishReason reason) {
        String lead;
        if (forced) lead = "Thinking cut short by the budget";
        else if (unfinished && reason == FinishReason.LENGTH) lead = "Thinking cut short by the token limit";
        else if (unfinished) lead = "Thinking stopped";
        else lead = "Thought";
        String time = seconds < 0 ? "" : (lead.equals("Thought") ? " for " : " after ") + seconds(seconds);
        return lead + time + " · " + tokens + (tokens == 1 ? " token" : " tokens");
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
