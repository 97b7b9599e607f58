package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Small word problems: buying at a unit price (with or without change), giving items away,
 * receiving more, and sharing equally. One or two arithmetic steps, checked by the inverse operation.
 */
public final class WordProblemFamily implements TaskFamily {

    private enum Kind { BUY, BUY_CHANGE, GIVE_AWAY, RECEIVE, SHARE }

    /** How many times as often as each other kind the ninth edition trains sharing problems. */
    static final int TRAINING_SHARE_WEIGHT = 3;

    static final List<String> NAMES = List.of(
            "Anna", "Tom", "Maria", "Ben", "Lena", "Omar", "Sofia", "Ravi", "Mia", "Jack", "Yuki", "Leo");
    static final List<String> ITEMS = List.of(
            "apples", "pencils", "stickers", "marbles", "cookies", "books", "cards", "oranges", "balloons", "stamps");

    private static final Map<Kind, Phrasings> FIRST = new EnumMap<>(Map.of(
            Kind.BUY, Phrasings.of(
                    train("buys-at-each", "{who} buys {count} {items} at {price} dollars each. How much does {who} pay?"),
                    train("wants-each-costs", "{who} wants {count} {items}. Each costs {price} dollars. What is the total cost?"),
                    train("if-one-costs", "If one of the {items} costs {price} dollars, how much do {count} of them cost?")),
            Kind.BUY_CHANGE, Phrasings.of(
                    train("has-and-buys-left", "{who} has {money} dollars and buys {count} {items} at {price} dollars each. How much money is left?"),
                    train("takes-to-the-shop", "{who} takes {money} dollars to the shop and buys {count} {items} for {price} dollars each. How much does {who} have left?"),
                    train("with-dollars-remain", "With {money} dollars, {who} buys {count} {items} costing {price} dollars each. How many dollars remain?")),
            Kind.GIVE_AWAY, Phrasings.of(
                    train("gives-to-left", "{who} has {had} {items} and gives {given} to {friend}. How many {items} does {who} have left?"),
                    train("after-giving", "{who} had {had} {items}. After giving {given} of them to {friend}, how many are left?"),
                    train("there-are-gives-away", "There are {had} {items}. {who} gives away {given}. How many remain?")),
            Kind.RECEIVE, Phrasings.of(
                    train("gives-more-now", "{who} has {had} {items} and {friend} gives {who} {got} more. How many {items} does {who} have now?"),
                    train("got-more-in-total", "{who} had {had} {items} and got {got} more from {friend}. How many does {who} have in total?")),
            Kind.SHARE, Phrasings.of(
                    train("shares-among-friends", "{who} shares {total} {items} equally among {people} friends. How many does each friend get?"),
                    train("split-between-children", "{total} {items} are split evenly between {people} children. How many does each child get?"),
                    train("same-number-into-bags", "{who} has {total} {items} and puts the same number into each of {people} bags. How many go in each bag?"))));

    private static final Map<Kind, Phrasings> SECOND = new EnumMap<>(Map.of(
            Kind.BUY, FIRST.get(Kind.BUY).plus(
                    train("one-costs-how-much-do", "A {one} costs {price} dollars. How much do {count} {items} cost?"),
                    train("dollar-sign-each", "{items} cost ${price} each. What do {count} {items} cost?"),
                    train("buy-lowercase", "{who} buys {count} {items} for {price} dollars each how much is that"),
                    train("typo-cost-totl", "{count} {items} at {price} dollars each, whats the totl?"),
                    train("can-you-work-out-cost", "Can you work out the price of {count} {items} at {price} dollars each?"),
                    heldOut("one-costs-what-do", "One {one} costs ${price}. What do {count} {items} cost?"),
                    heldOut("price-per-item-total", "The price is {price} dollars per {one}. What is the total for {count} {items}?"),
                    heldOut("how-much-for", "how much for {count} {items} if one {one} is {price} dollars")),
            Kind.BUY_CHANGE, FIRST.get(Kind.BUY_CHANGE).plus(
                    train("pays-with-change", "{who} pays with {money} dollars for {count} {items} at ${price} each. How much change does {who} get?"),
                    train("change-lowercase", "{who} has ${money}, buys {count} {items} at ${price} each, how much is left"),
                    heldOut("spends-on-remains", "{who} starts with {money} dollars and spends it on {count} {items} costing {price} dollars each. How much remains?"),
                    heldOut("change-from", "What change does {who} get from {money} dollars after buying {count} {items} at {price} dollars each?")),
            Kind.GIVE_AWAY, FIRST.get(Kind.GIVE_AWAY).plus(
                    train("loses-left", "{who} had {had} {items} and lost {given}. How many {items} are left?"),
                    train("give-away-lowercase", "{who} has {had} {items} gives {given} to {friend} how many left"),
                    heldOut("eats-or-gives", "{who} owns {had} {items}. {given} of them go to {friend}. How many does {who} keep?"),
                    heldOut("takes-away", "{friend} takes {given} of {who}'s {had} {items}. How many does {who} still have?")),
            Kind.RECEIVE, FIRST.get(Kind.RECEIVE).plus(
                    train("buys-more-total", "{who} has {had} {items} and buys {got} more. How many {items} now?"),
                    train("receive-lowercase", "{who} had {had} {items}, {friend} gave {got} more, how many now"),
                    heldOut("finds-more", "{who} had {had} {items} and then found {got} more. How many are there altogether?"),
                    heldOut("gets-as-a-gift", "{who} gets {got} {items} as a gift and already had {had}. What is the total?")),
            Kind.SHARE, FIRST.get(Kind.SHARE).plus(
                    train("divided-equally", "{total} {items} are divided equally among {people} people. How many does each person get?"),
                    train("share-lowercase", "{who} shares {total} {items} with {people} friends equally how many each"),
                    heldOut("fair-share", "{people} kids share {total} {items} fairly. How many {items} does each kid get?"),
                    heldOut("packs-of-equal", "{total} {items} are packed into {people} equal boxes. How many are in each box?"))));

    /** The fourth edition's word problems: more frames per kind, with other families' cue words ("into", "who", "write"). */
    private static final Map<Kind, Phrasings> FOURTH = new EnumMap<>(Map.of(
            Kind.BUY, SECOND.get(Kind.BUY).withComposed("composed", List.of(), List.of(), List.of(
                    "Write the cost of {count} {items} at {price} dollars each.",
                    "{who} buys {count} {items}; each is {price} dollars. Work out the total.",
                    "Who pays how much? {who} buys {count} {items} at {price} dollars apiece. Total?",
                    "{count} {items} go into {who}'s basket at {price} dollars each. What does {who} pay?",
                    "Price of one {one}: {price} dollars. Price of {count} {items}?")),
            Kind.BUY_CHANGE, SECOND.get(Kind.BUY_CHANGE).withComposed("composed", List.of(), List.of(), List.of(
                    "{who} pays for {count} {items} at {price} dollars each out of {money} dollars. Write how much is left.",
                    "{who} goes into a shop with {money} dollars and buys {count} {items} at {price} dollars each. What is left?",
                    "Out of {money} dollars, {count} {items} at {price} dollars each are paid. How many dollars remain?")),
            Kind.GIVE_AWAY, SECOND.get(Kind.GIVE_AWAY).withComposed("composed", List.of(), List.of(), List.of(
                    "{who} had {had} {items} and gave {given} to {friend}. Write how many are left.",
                    "{who} puts {given} of {who}'s {had} {items} into a bag for {friend}. How many {items} are not in the bag?",
                    "Who has {items} left? {who} had {had} and handed {given} to {friend}. How many does {who} have?")),
            Kind.RECEIVE, SECOND.get(Kind.RECEIVE).withComposed("composed", List.of(), List.of(), List.of(
                    "{who} puts {had} {items} into a box, then {got} more. How many {items} are in the box?",
                    "{who} has {had} {items}. {friend} hands over {got} more. Write the new number of {items}.",
                    "{had} {items} plus {got} more {items} from {friend}: how many does {who} hold?")),
            Kind.SHARE, SECOND.get(Kind.SHARE).withComposed("composed", List.of(), List.of(), List.of(
                    "{who} puts {total} {items} into {people} bags equally. How many {items} go into each bag?",
                    "Split {total} {items} into {people} equal groups. How many in each group?",
                    "Who gets how many? {total} {items} shared equally by {people} friends, each the same.",
                    "Write how many {items} each of {people} children gets from {total} shared equally."))));

    /**
     * The sixteenth edition's word problems: the fourth edition's, with each kind also asked as one of its setups (a
     * sentence of what happens, in words no other kind uses) followed by one of its questions, many of which several
     * kinds share ("How many does {who} have now?" after a loss or a gain), so that the setup, not the question's
     * wording, decides the kind.
     */
    private static final Map<Kind, Phrasings> SIXTEENTH = new EnumMap<>(Map.of(
            Kind.BUY, FOURTH.get(Kind.BUY).withComposed("sentences", List.of(
                    "{who} orders {count} {items} at {price} dollars apiece. {op}",
                    "Each {one} is {price} dollars, and {who} takes {count}. {op}",
                    "{count} {items} are sold to {who} at {price} dollars per {one}. {op}",
                    "{who} picks {count} {items} off the shelf; they are {price} dollars each. {op}"), List.of(
                    "What is the bill?", "How much is that in all?", "How much does {who} spend?",
                    "How many dollars is that?", "What does it come to?", "What is the answer?"), List.of()),
            Kind.BUY_CHANGE, FOURTH.get(Kind.BUY_CHANGE).withComposed("sentences", List.of(
                    "{who} has {money} dollars and orders {count} {items} at {price} dollars apiece. {op}",
                    "{who} brings {money} dollars to the market and pays for {count} {items} at {price} dollars each. {op}",
                    "From a purse of {money} dollars, {who} pays for {count} {items} at {price} dollars per {one}. {op}"), List.of(
                    "How much money is left?", "How many dollars are left over?", "What is left of the money?",
                    "How much does {who} have now?", "How many dollars does {who} hold now?", "What does {who} have now?",
                    "What is the answer?"), List.of()),
            Kind.GIVE_AWAY, FOURTH.get(Kind.GIVE_AWAY).withComposed("sentences", List.of(
                    "{who} has {had} {items} and sells {given} of them. {op}",
                    "{who} had {had} {items} but used up {given}. {op}",
                    "Of {who}'s {had} {items}, {given} are sent to {friend}. {op}",
                    "{who} donates {given} of {who}'s {had} {items}. {op}",
                    "{who} had {had} {items}, and {given} of them were lost on the way home. {op}"), List.of(
                    "How many are left?", "How many does {who} have now?", "How many {items} remain?",
                    "How many are still there?", "What is left?", "What does {who} have now?",
                    "What is the answer?"), List.of()),
            Kind.RECEIVE, FOURTH.get(Kind.RECEIVE).withComposed("sentences", List.of(
                    "{who} has {had} {items} and wins {got} more. {op}",
                    "{who} had {had} {items}; {friend} adds {got}. {op}",
                    "{who} collects {got} more {items} on top of {had}. {op}",
                    "{friend} brings {who} {got} {items}, and {who} already had {had}. {op}",
                    "{who} had {had} {items} and was sent {got} more by {friend}. {op}"), List.of(
                    "How many now?", "How many does {who} have now?", "How many {items} in all?",
                    "What is the new total?", "How many are there now?", "What does {who} have now?",
                    "What is the answer?"), List.of()),
            Kind.SHARE, FOURTH.get(Kind.SHARE).withComposed("sentences", List.of(
                    "{who} divides {total} {items} evenly between {people} children. {op}",
                    "{total} {items} are handed out equally to {people} students. {op}",
                    "{who} deals {total} {items} out to {people} players, the same number each. {op}",
                    "{people} friends split {total} {items} equally. {op}",
                    "{who} lays {total} {items} in {people} piles with the same number in each. {op}"), List.of(
                    "How many does each get?", "How many {items} is that each?", "What is each share?",
                    "How many in each?", "Each gets how many?", "What is the answer?"), List.of())));

    /**
     * The thirty-first edition's training templates: the sixteenth edition's, with sharing problems that name the
     * people, and how many they are, before what they share.
     */
    private static final Map<Kind, Phrasings> THIRTY_FIRST = thirtyFirst();

    private static Map<Kind, Phrasings> thirtyFirst() {
        Map<Kind, Phrasings> out = new EnumMap<>(SIXTEENTH);
        out.put(Kind.SHARE, SIXTEENTH.get(Kind.SHARE).withComposed("people-first", List.of(
                        "{people} cousins share {total} {items} equally. {op}",
                        "{people} students split {total} {items} evenly. {op}",
                        "{people} players divide {total} {items} between them equally. {op}",
                        "{people} girls get {total} {items} to share equally. {op}",
                        "{people} boys share {total} {items} so that each has the same. {op}",
                        "{people} neighbours split {total} {items} equally among themselves. {op}",
                        "{people} pupils share out {total} {items} evenly. {op}",
                        "{people} campers get an equal part each of {total} {items}. {op}"), List.of(
                        "How many does each get?", "How many {items} for each?", "What does each get?",
                        "Each gets how many {items}?", "How many is each share?"), List.of()));
        return out;
    }

    /**
     * The thirty-eighth edition's training templates: the thirty-first edition's, with things given away that someone
     * other than the owner takes, the part named before the whole ({@code {friend} borrows {given} of {who}'s {had}
     * {items}.}), and sharing problems that fill containers, each holding the same number.
     */
    private static final Map<Kind, Phrasings> THIRTY_EIGHTH = thirtyEighth();

    private static Map<Kind, Phrasings> thirtyEighth() {
        Map<Kind, Phrasings> out = new EnumMap<>(THIRTY_FIRST);
        out.put(Kind.GIVE_AWAY, THIRTY_FIRST.get(Kind.GIVE_AWAY).withComposed("others-take", List.of(
                        "{friend} borrows {given} of {who}'s {had} {items}. {op}",
                        "{friend} grabs {given} of the {had} {items} {who} had. {op}",
                        "{friend} walks off with {given} of {who}'s {had} {items}. {op}",
                        "{friend} removes {given} {items} from {who}'s pile of {had}. {op}",
                        "{who} had {had} {items} before {friend} borrowed {given}. {op}",
                        "{friend} asks for {given} of {who}'s {had} {items} and gets them. {op}"), List.of(
                        "How many are left?", "How many does {who} have now?", "How many {items} remain?",
                        "How many does {who} have left?", "What is left?", "What does {who} have now?",
                        "How many are still with {who}?"), List.of()));
        out.put(Kind.SHARE, THIRTY_FIRST.get(Kind.SHARE).withComposed("containers", List.of(
                        "{who} fills {people} jars with {total} {items}, the same number in each jar. {op}",
                        "{total} {items} go into {people} crates, each crate holding the same. {op}",
                        "{who} loads {total} {items} onto {people} trays, as many on each tray. {op}",
                        "{total} {items} are put in {people} baskets with the same number in each basket. {op}",
                        "{who} stacks {total} {items} on {people} shelves evenly. {op}",
                        "{total} {items} fill {people} tins equally. {op}",
                        "{people} envelopes hold {total} {items} between them, the same in each. {op}",
                        "{who} sorts {total} {items} into {people} drawers, an equal number in each. {op}"), List.of(
                        "How many does each hold?", "How many {items} does each one hold?", "How many go in each one?",
                        "What is the number in each?", "How many {items} is that in each?"), List.of()));
        return out;
    }

    private static final List<String> SECOND_ITEMS = Teacher.concat(ITEMS, List.of("pens", "notebooks", "tickets", "erasers"));

    private final TeacherEdition edition;
    /** The templates evaluation problems are asked in. */
    private final Map<Kind, Phrasings> phrasings;
    /**
     * The templates training problems are asked in: {@link #phrasings}, with the sixteenth edition's sentences, the
     * thirty-first edition's sharing problems and the thirty-eighth edition's takings and containers.
     */
    private final Map<Kind, Phrasings> trainingPhrasings;

    public WordProblemFamily(TeacherEdition edition) {
        this.edition = edition;
        this.phrasings = edition == TeacherEdition.FIRST ? FIRST : edition.atLeast(TeacherEdition.FOURTH) ? FOURTH : SECOND;
        this.trainingPhrasings = edition.asksPastDecoysAndIntoContainers() ? THIRTY_EIGHTH
                : edition.asksInMoreKindsOfSentence() ? THIRTY_FIRST
                : edition.atLeast(TeacherEdition.SIXTEENTH) ? SIXTEENTH : phrasings;
    }

    @Override
    public String name() {
        return "word-problem";
    }

    @Override
    public List<Phrasing> phrasings() {
        return java.util.Arrays.stream(Kind.values()).flatMap(k -> trainingPhrasings.get(k).all().stream()).toList();
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, anyKind(rnd), phrasings);
    }

    /**
     * In the ninth edition only, a training problem shares equally {@value #TRAINING_SHARE_WEIGHT} times as often as
     * each other kind (three in seven, where the evaluation asks one in five): the quotient digit of a sharing
     * problem's division was the eighth-edition model's most frequent word-problem miss. From the sixteenth edition on,
     * a training problem is asked in the training templates, which add the sixteenth edition's sentences to the
     * evaluation's.
     */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, edition == TeacherEdition.NINTH ? kindSharingMoreOften(rnd) : anyKind(rnd),
                trainingPhrasings);
    }

    private static Kind anyKind(RandomGenerator rnd) {
        return Kind.values()[rnd.nextInt(Kind.values().length)];
    }

    /** A kind drawn with sharing {@value #TRAINING_SHARE_WEIGHT} times as likely as each other kind. */
    private static Kind kindSharingMoreOften(RandomGenerator rnd) {
        int others = Kind.values().length - 1;
        int drawn = rnd.nextInt(others + TRAINING_SHARE_WEIGHT);
        return drawn < others ? Kind.values()[drawn] : Kind.SHARE;
    }

    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Kind kind, Map<Kind, Phrasings> templates) {
        String who = TaskFamily.pick(rnd, NAMES);
        String friend = TaskFamily.pick(rnd, NAMES.stream().filter(n -> !n.equals(who)).toList());
        String item = TaskFamily.pick(rnd, edition == TeacherEdition.FIRST ? ITEMS : SECOND_ITEMS);
        boolean slip = TaskFamily.drawSlip(rnd);
        Trace trace = new Trace();
        Map<String, String> values = new java.util.HashMap<>(Map.of("who", who, "friend", friend, "items", item,
                "one", item.substring(0, item.length() - 1)));
        Phrasings asked = templates.get(kind);
        return switch (kind) {
            case BUY -> buy(rnd, trace, asked, phrasing, values, slip);
            case BUY_CHANGE -> buyWithChange(rnd, trace, asked, phrasing, values, slip);
            case GIVE_AWAY -> giveAway(rnd, trace, asked, phrasing, values, slip);
            case RECEIVE -> receive(rnd, trace, asked, phrasing, values, slip);
            case SHARE -> share(rnd, trace, asked, phrasing, values, slip);
        };
    }

    /**
     * Buying {@code count} at {@code price}: up to 9 items at up to 30 dollars; the second edition also
     * 10 to 99 items at up to 9 dollars (then the count is multiplied by the price digit by digit).
     */
    private Problem buy(RandomGenerator rnd, Trace trace, Phrasings asked, PhrasingSplit split, Map<String, String> values,
                        boolean slip) {
        int count = edition == TeacherEdition.FIRST || rnd.nextBoolean() ? rnd.nextInt(2, 10) : rnd.nextInt(10, 100);
        int price = count < 10 ? rnd.nextInt(2, 31) : rnd.nextInt(2, 10);
        int cost = count * price;
        values.put("count", String.valueOf(count));
        values.put("price", String.valueOf(price));
        Phrasings.Asked question = asked.ask(rnd, split, values);
        if (slip) {
            multiplicationSlip(trace, count, price);
        }
        if (count < 10) {
            trace.step("Total cost: " + count + " × " + price + " = " + price + " × " + count + ".");
            trace.step(new DigitProduct(price, count).line());
            trace.step("Check: " + cost + " ÷ " + count + " = " + price + " dollars each. Correct.");
        } else {
            trace.step("Total cost: " + count + " × " + price + ".");
            trace.step(new DigitProduct(count, price).line());
            trace.step("Check: " + cost + " ÷ " + price + " = " + count + " items. Correct.");
        }
        return trace.toProblem(name(), "buy:" + count + "x" + price, question,
                "The total is **" + cost + "** dollars.", String.valueOf(cost));
    }

    private Problem buyWithChange(RandomGenerator rnd, Trace trace, Phrasings asked, PhrasingSplit split,
                                  Map<String, String> values, boolean slip) {
        int count = rnd.nextInt(2, 10);
        int price = rnd.nextInt(2, 11);
        int cost = count * price;
        int money = cost + rnd.nextInt(0, 40);
        int left = money - cost;
        values.put("count", String.valueOf(count));
        values.put("price", String.valueOf(price));
        values.put("money", String.valueOf(money));
        Phrasings.Asked question = asked.ask(rnd, split, values);
        if (slip) {
            multiplicationSlip(trace, count, price);
        }
        trace.step("Cost: " + count + " × " + price + " = " + price + " × " + count + ".");
        trace.step(new DigitProduct(price, count).line());
        trace.step("Left: " + money + " - " + cost + ".");
        trace.step(ColumnWork.subtraction(money, cost).inline());
        trace.step("Check: " + left + " + " + cost + " = " + money + ". Correct.");
        return trace.toProblem(name(), "change:" + money + ":" + count + "x" + price, question,
                values.get("who") + " has **" + left + "** dollars left.", String.valueOf(left));
    }

    private Problem giveAway(RandomGenerator rnd, Trace trace, Phrasings asked, PhrasingSplit split,
                             Map<String, String> values, boolean slip) {
        int had = rnd.nextInt(10, 100);
        int given = rnd.nextInt(1, had);
        int left = had - given;
        String item = values.get("items");
        values.put("had", String.valueOf(had));
        values.put("given", String.valueOf(given));
        Phrasings.Asked question = asked.ask(rnd, split, values);
        if (slip) {
            trace.slip("Giving away adds: " + had + " + " + given + ".",
                    "Wait, giving " + item + " away makes fewer, so subtract.");
        }
        trace.step("Left: " + had + " - " + given + ".");
        trace.step(ColumnWork.subtraction(had, given).inline());
        trace.step("Check: " + left + " + " + given + " = " + had + ". Correct.");
        return trace.toProblem(name(), "give:" + had + "-" + given, question,
                "**" + left + "** " + item + " are left.", String.valueOf(left));
    }

    private Problem receive(RandomGenerator rnd, Trace trace, Phrasings asked, PhrasingSplit split,
                            Map<String, String> values, boolean slip) {
        int had = rnd.nextInt(5, 60);
        int got = rnd.nextInt(2, 40);
        int total = had + got;
        String item = values.get("items");
        values.put("had", String.valueOf(had));
        values.put("got", String.valueOf(got));
        Phrasings.Asked question = asked.ask(rnd, split, values);
        if (slip) {
            trace.slip("Taking away: " + had + " - " + got + ".",
                    "Wait, " + item + " received are added, not taken away.");
        }
        trace.step("Now: " + had + " + " + got + ".");
        trace.step(ColumnWork.addition(had, got).inline());
        trace.step("Check: " + total + " - " + got + " = " + had + ". Correct.");
        return trace.toProblem(name(), "receive:" + had + "+" + got, question,
                values.get("who") + " has **" + total + "** " + item + " now.", String.valueOf(total));
    }

    private Problem share(RandomGenerator rnd, Trace trace, Phrasings asked, PhrasingSplit split,
                          Map<String, String> values, boolean slip) {
        int people = rnd.nextInt(2, 10);
        int each = rnd.nextInt(2, 16);
        int total = people * each;
        String item = values.get("items");
        values.put("total", String.valueOf(total));
        values.put("people", String.valueOf(people));
        Phrasings.Asked question = asked.ask(rnd, split, values);
        if (slip) {
            trace.slip("Each gets " + total + " - " + people + ".",
                    "Wait, sharing equally means dividing, not subtracting.");
        }
        trace.step("Each gets " + total + " ÷ " + people + ". " + new Division(total, people)
                .longDivision(edition.atLeast(TeacherEdition.SEVENTH), digitSearch()));
        trace.step("So each gets " + each + ".");
        trace.step("Check: " + people + " × " + each + " = " + total + ". Correct.");
        return trace.toProblem(name(), "share:" + total + "/" + people, question,
                "Each gets **" + each + "** " + item + ".", String.valueOf(each));
    }

    /**
     * How a sharing problem's long division finds each quotient digit: the one multiple it needs up to the ninth
     * edition, the multiples counted up in the tenth, each compared with the part divided in the eleventh, as less,
     * equal or larger from the twelfth on, after a digit-by-digit comparison where the two have as many digits in the
     * twentieth.
     */
    private Division.DigitSearch digitSearch() {
        if (edition.comparesDivisionDigits()) {
            return Division.DigitSearch.COUNTED_BY_DIGITS;
        }
        if (edition.atLeast(TeacherEdition.TWELFTH)) {
            return Division.DigitSearch.COUNTED_THREE_WAY;
        }
        if (edition.atLeast(TeacherEdition.ELEVENTH)) {
            return Division.DigitSearch.COUNTED_AGAINST_PART;
        }
        return edition == TeacherEdition.TENTH ? Division.DigitSearch.COUNTED : Division.DigitSearch.ONE_MULTIPLE;
    }

    private static void multiplicationSlip(Trace trace, int count, int price) {
        trace.slip("Total cost: " + count + " + " + price + ".",
                "Wait, " + count + " items at " + price + " dollars each means multiplying, not adding.");
    }
}
