package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.inspect.InspectedToken;
import org.thinktrace.inspect.TraceTokens;

/** The heat legend's count of shaded tokens ({@link HeatLegend#summaryOf}). */
class HeatLegendTest {

    private static InspectedToken token(float p) {
        return new InspectedToken(1, "a", p, 0.1f, List.of());
    }

    @Test
    void aResponseSureOfEveryTokenSaysSoAndOneWithDoubtsCountsThem() {
        // p 0.905 has surprisal 0.0998 nats (unshaded); p 0.904 has 0.1009 (the first shade)
        TraceTokens sure = new TraceTokens(List.of(token(0.99f), token(0.905f), token(1f)), 2);
        assertEquals("No token is shaded: the model gave every one of the 3 tokens p ≥ 0.90.", HeatLegend.summaryOf(sure));
        TraceTokens doubting = new TraceTokens(List.of(token(0.99f), token(0.904f), token(0.2f), token(Float.NaN)), 3);
        assertEquals("2 of 4 tokens are shaded (p below 0.90).", HeatLegend.summaryOf(doubting));
        TraceTokens oneDoubt = new TraceTokens(List.of(token(0.99f), token(0.81f), token(1f)), 2);
        assertEquals("1 of 3 tokens is shaded (p below 0.90).", HeatLegend.summaryOf(oneDoubt));
    }
}
