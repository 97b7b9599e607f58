package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TokenAgreement#compare} against hand-made token sequences and a naive reference written here. */
class TokenAgreementTest {

    private static ResponseTokens r(EvaluationPart part, boolean correct, int... ids) {
        return new ResponseTokens(part, correct, ids);
    }

    @Test
    void handMadePairsGiveTheFiguresWorkedOutByHand() {
        EvaluationPart p = EvaluationPart.PROBLEMS;
        List<ResponseTokens> reference = List.of(
                r(p, true, 1, 2, 3),        // identical: share 1
                r(p, true, 5, 6),           // first token differs: share 0
                r(p, false, 1, 2, 3, 4),    // differs at index 2 of 4: share 0.5
                r(p, true, 1, 2),           // a prefix of a longer response: 2 of 4, not identical
                r(p, false));               // both empty: identical, share 1
        List<ResponseTokens> other = List.of(
                r(p, true, 1, 2, 3),
                r(p, false, 7, 6),
                r(p, true, 1, 2, 9, 4),
                r(p, false, 1, 2, 3, 4),
                r(p, false));
        TokenAgreement agreement = TokenAgreement.compare(reference, other);
        TokenAgreement.Section s = agreement.overall();
        assertEquals(5, s.responses());
        assertEquals(2, s.identical());
        assertEquals((1 + 0 + 0.5 + 0.5 + 1) / 5, s.meanSharedShare(), 1e-12);
        assertEquals(3, s.referenceCorrect());
        assertEquals(2, s.otherCorrect());
        assertEquals(List.of(new TokenAgreement.Section(p, 5, 2, 0.6, 3, 2)), agreement.parts(),
                "one part: the overall figures under its name");
        assertEquals(0.4, s.identicalShare(), 1e-12);
    }

    @Test
    void partsAreGroupedInTheirOrderWhateverTheOrderOfResponses() {
        List<ResponseTokens> reference = List.of(
                r(EvaluationPart.OUT_OF_SCOPE, true, 9),
                r(EvaluationPart.PROBLEMS, true, 1, 2),
                r(EvaluationPart.OUT_OF_SCOPE, false, 8, 8));
        List<ResponseTokens> other = List.of(
                r(EvaluationPart.OUT_OF_SCOPE, true, 9),
                r(EvaluationPart.PROBLEMS, true, 1, 3),
                r(EvaluationPart.OUT_OF_SCOPE, true, 8, 8));
        TokenAgreement agreement = TokenAgreement.compare(reference, other);
        assertEquals(List.of(EvaluationPart.PROBLEMS, EvaluationPart.OUT_OF_SCOPE),
                agreement.parts().stream().map(TokenAgreement.Section::part).toList());
        assertEquals(new TokenAgreement.Section(EvaluationPart.PROBLEMS, 1, 0, 0.5, 1, 1), agreement.parts().get(0));
        assertEquals(new TokenAgreement.Section(EvaluationPart.OUT_OF_SCOPE, 2, 2, 1.0, 1, 2), agreement.parts().get(1));
        assertEquals(new TokenAgreement.Section(null, 3, 2, 2.5 / 3, 2, 3), agreement.overall());
    }

    @Test
    void randomPairsMatchANaiveReference() {
        Random rnd = new Random(23);
        List<ResponseTokens> reference = new ArrayList<>();
        List<ResponseTokens> other = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            EvaluationPart part = EvaluationPart.values()[rnd.nextInt(EvaluationPart.values().length)];
            int[] a = new int[rnd.nextInt(12)];
            for (int k = 0; k < a.length; k++) a[k] = rnd.nextInt(4);
            int[] b = Arrays.copyOf(a, Math.max(0, a.length + rnd.nextInt(5) - 2));
            if (b.length > 0 && rnd.nextBoolean()) b[rnd.nextInt(b.length)] = rnd.nextInt(4);
            reference.add(new ResponseTokens(part, rnd.nextBoolean(), a));
            other.add(new ResponseTokens(part, rnd.nextBoolean(), b));
        }
        TokenAgreement agreement = TokenAgreement.compare(reference, other);
        assertEquals(naive(null, reference, other), agreement.overall());
        for (TokenAgreement.Section section : agreement.parts()) {
            assertEquals(naive(section.part(), reference, other), section);
        }
        assertEquals(reference.stream().map(ResponseTokens::part).distinct().count(), agreement.parts().size());
    }

    /** Position by position, stopping at the first difference or the end of either response. */
    private static TokenAgreement.Section naive(EvaluationPart part, List<ResponseTokens> reference,
                                                List<ResponseTokens> other) {
        int n = 0;
        int identical = 0;
        double shares = 0;
        int referenceCorrect = 0;
        int otherCorrect = 0;
        for (int i = 0; i < reference.size(); i++) {
            if (part != null && reference.get(i).part() != part) continue;
            int[] a = reference.get(i).ids();
            int[] b = other.get(i).ids();
            int same = 0;
            while (same < a.length && same < b.length && a[same] == b[same]) same++;
            boolean equal = a.length == b.length && same == a.length;
            int longer = Math.max(a.length, b.length);
            n++;
            identical += equal ? 1 : 0;
            shares += longer == 0 ? 1 : (double) same / longer;
            referenceCorrect += reference.get(i).correct() ? 1 : 0;
            otherCorrect += other.get(i).correct() ? 1 : 0;
        }
        return new TokenAgreement.Section(part, n, identical, shares / n, referenceCorrect, otherCorrect);
    }

    @Test
    void runsOverDifferentSuitesAreRefusedWithTheReason() {
        List<ResponseTokens> one = List.of(r(EvaluationPart.PROBLEMS, true, 1));
        List<ResponseTokens> two = List.of(r(EvaluationPart.PROBLEMS, true, 1), r(EvaluationPart.PROBLEMS, true, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenAgreement.compare(one, two))
                .getMessage().contains("1 reference responses, 2 to compare"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TokenAgreement.compare(one, List.of(r(EvaluationPart.FOLLOW_UPS, true, 1))))
                .getMessage().contains("response 0 belongs to PROBLEMS in the reference run but to FOLLOW_UPS"));
        assertThrows(IllegalArgumentException.class, () -> TokenAgreement.compare(List.of(), List.of()));
    }

    @Test
    void responseTokensKeepTheirOwnCopy() {
        int[] ids = {1, 2, 3};
        ResponseTokens tokens = new ResponseTokens(EvaluationPart.PROBLEMS, true, ids);
        ids[0] = 7;
        tokens.ids()[1] = 7;
        assertEquals(List.of(1, 2, 3), Arrays.stream(tokens.ids()).boxed().toList());
    }
}
