package org.thinktrace.train;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests asked politely, as people type them (twenty-sixth edition): one training question in four that is one
 * sentence giving an order ({@code Sort 5, 3, 9.}, {@code add 12 and 30}) is asked as a request around it ({@code
 * Would you sort 5, 3, 9?}, {@code I'd like you to add 12 and 30}), so that a model learns that the words around an
 * order do not change what is ordered. Before it, the only requests among in-scope training questions were "Can you
 * …?" and "Please …", and the nineteenth-edition model refused "Could you please subtract 5 from 500?" as out of scope.
 *
 * <p>Contract: only the question's opening changes (the order's first letter lowercased) and its final full stop or
 * exclamation mark becomes a question mark, except after "I'd like you to" and "Kindly", which are not questions, and
 * after a closing such as " Thanks!" ({@link SurfaceForms#TRAINING_SUFFIXES}); the order's words and values are
 * untouched. No {@link #WRAPPERS wrapper} uses "could", a word that only held-out templates use. Whether and how a
 * question changes is drawn from its own text, so a caller's random stream is not advanced.
 */
final class PoliteRequests {

    /** The words a wrapped question opens with, each followed by the order. */
    static final List<String> WRAPPERS = List.of(
            "Would you ", "Would you please ", "Will you ", "Can you please ", "I'd like you to ", "Kindly ");
    /** The first words of training questions that give an order, lowercase. */
    static final Set<String> ORDERS = Set.of(
            "add", "subtract", "multiply", "calculate", "sort", "put", "order", "list", "count", "find", "tell",
            "work", "write", "compare", "check", "decrease", "increase", "figure", "give", "do", "answer", "pour",
            "split", "start", "name", "show", "solve");

    private static final Pattern FIRST_WORD = Pattern.compile("^([A-Za-z]+)\\b");
    /** A full stop, question or exclamation mark followed by more words: an order with a question after it. */
    private static final Pattern SENTENCE_BREAK = Pattern.compile("[.?!] +[A-Za-z]");

    private PoliteRequests() {
    }

    /**
     * {@code question} asked as a request, one time in four when it is one sentence that opens with an {@linkplain
     * #ORDERS order} ({@code Put 3 and 5 together. What does that make?} is two and stays); else itself.
     */
    static String wrap(String question) {
        Matcher m = FIRST_WORD.matcher(question);
        if (!m.find() || !ORDERS.contains(m.group(1).toLowerCase(Locale.ROOT)) || SENTENCE_BREAK.matcher(question).find()) {
            return question;
        }
        SplittableRandom choice = new SplittableRandom(question.hashCode() * 0xC2B2AE3D27D4EB4FL);
        if (choice.nextInt(4) != 0) {
            return question;
        }
        String wrapper = WRAPPERS.get(choice.nextInt(WRAPPERS.size()));
        String order = Character.toLowerCase(question.charAt(0)) + question.substring(1);
        boolean asks = !wrapper.startsWith("I'd") && !wrapper.startsWith("Kindly");
        boolean closed = SurfaceForms.endsInTrainingClosing(order);
        if (asks && !closed && (order.endsWith(".") || order.endsWith("!"))) {
            order = order.substring(0, order.length() - 1) + "?";
        }
        return wrapper + order;
    }
}
