package org.thinktrace.train;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Small word problems: buying at a unit price (with or without change), giving items away,
 * receiving more, and sharing equally. One or two arithmetic steps, checked by the inverse operation.
 */
public final class WordProblemFamily implements TaskFamily {

    private enum Kind { BUY, BUY_CHANGE, GIVE_AWAY, RECEIVE, SHARE }

    static final List<String> NAMES = List.of(
            "Anna", "Tom", "Maria", "Ben", "Lena", "Omar", "Sofia", "Ravi", "Mia", "Jack", "Yuki", "Leo");
    static final List<String> ITEMS = List.of(
            "apples", "pencils", "stickers", "marbles", "cookies", "books", "cards", "oranges", "balloons", "stamps");

    @Override
    public String name() {
        return "word-problem";
    }

    @Override
    public Problem generate(RandomGenerator rnd) {
        Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
        String who = TaskFamily.pick(rnd, NAMES);
        String friend = TaskFamily.pick(rnd, NAMES.stream().filter(n -> !n.equals(who)).toList());
        String item = TaskFamily.pick(rnd, ITEMS);
        boolean slip = TaskFamily.drawSlip(rnd);
        Trace trace = new Trace();
        return switch (kind) {
            case BUY -> buy(rnd, trace, who, item, slip);
            case BUY_CHANGE -> buyWithChange(rnd, trace, who, item, slip);
            case GIVE_AWAY -> giveAway(rnd, trace, who, friend, item, slip);
            case RECEIVE -> receive(rnd, trace, who, friend, item, slip);
            case SHARE -> share(rnd, trace, who, item, slip);
        };
    }

    private Problem buy(RandomGenerator rnd, Trace trace, String who, String item, boolean slip) {
        int count = rnd.nextInt(2, 10);
        int price = rnd.nextInt(2, 31);
        int cost = count * price;
        String question = String.format(TaskFamily.pick(rnd, List.of(
                "%1$s buys %2$d %3$s at %4$d dollars each. How much does %1$s pay?",
                "%1$s wants %2$d %3$s. Each costs %4$d dollars. What is the total cost?",
                "If one of the %3$s costs %4$d dollars, how much do %2$d of them cost?")), who, count, item, price);
        if (slip) {
            multiplicationSlip(trace, count, price);
        }
        trace.step("Total cost: " + count + " × " + price + " = " + price + " × " + count + ".");
        trace.step(new DigitProduct(price, count).line());
        trace.step("Check: " + cost + " ÷ " + count + " = " + price + " dollars each. Correct.");
        return trace.toProblem(name(), "buy:" + count + "x" + price, question,
                "The total is **" + cost + "** dollars.", String.valueOf(cost));
    }

    private Problem buyWithChange(RandomGenerator rnd, Trace trace, String who, String item, boolean slip) {
        int count = rnd.nextInt(2, 10);
        int price = rnd.nextInt(2, 11);
        int cost = count * price;
        int money = cost + rnd.nextInt(0, 40);
        int left = money - cost;
        String question = String.format(TaskFamily.pick(rnd, List.of(
                "%1$s has %5$d dollars and buys %2$d %3$s at %4$d dollars each. How much money is left?",
                "%1$s takes %5$d dollars to the shop and buys %2$d %3$s for %4$d dollars each. How much does %1$s have left?",
                "With %5$d dollars, %1$s buys %2$d %3$s costing %4$d dollars each. How many dollars remain?")),
                who, count, item, price, money);
        if (slip) {
            multiplicationSlip(trace, count, price);
        }
        trace.step("Cost: " + count + " × " + price + " = " + price + " × " + count + ".");
        trace.step(new DigitProduct(price, count).line());
        trace.step("Left: " + money + " - " + cost + ".");
        trace.step(ColumnWork.subtraction(money, cost).inline());
        trace.step("Check: " + left + " + " + cost + " = " + money + ". Correct.");
        return trace.toProblem(name(), "change:" + money + ":" + count + "x" + price, question,
                who + " has **" + left + "** dollars left.", String.valueOf(left));
    }

    private Problem giveAway(RandomGenerator rnd, Trace trace, String who, String friend, String item, boolean slip) {
        int had = rnd.nextInt(10, 100);
        int given = rnd.nextInt(1, had);
        int left = had - given;
        String question = String.format(TaskFamily.pick(rnd, List.of(
                "%1$s has %3$d %5$s and gives %4$d to %2$s. How many %5$s does %1$s have left?",
                "%1$s had %3$d %5$s. After giving %4$d of them to %2$s, how many are left?",
                "There are %3$d %5$s. %1$s gives away %4$d. How many remain?")), who, friend, had, given, item);
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

    private Problem receive(RandomGenerator rnd, Trace trace, String who, String friend, String item, boolean slip) {
        int had = rnd.nextInt(5, 60);
        int got = rnd.nextInt(2, 40);
        int total = had + got;
        String question = String.format(TaskFamily.pick(rnd, List.of(
                "%1$s has %3$d %5$s and %2$s gives %1$s %4$d more. How many %5$s does %1$s have now?",
                "%1$s had %3$d %5$s and got %4$d more from %2$s. How many does %1$s have in total?")),
                who, friend, had, got, item);
        if (slip) {
            trace.slip("Taking away: " + had + " - " + got + ".",
                    "Wait, " + item + " received are added, not taken away.");
        }
        trace.step("Now: " + had + " + " + got + ".");
        trace.step(ColumnWork.addition(had, got).inline());
        trace.step("Check: " + total + " - " + got + " = " + had + ". Correct.");
        return trace.toProblem(name(), "receive:" + had + "+" + got, question,
                who + " has **" + total + "** " + item + " now.", String.valueOf(total));
    }

    private Problem share(RandomGenerator rnd, Trace trace, String who, String item, boolean slip) {
        int people = rnd.nextInt(2, 10);
        int each = rnd.nextInt(2, 16);
        int total = people * each;
        String question = String.format(TaskFamily.pick(rnd, List.of(
                "%1$s shares %2$d %4$s equally among %3$d friends. How many does each friend get?",
                "%2$d %4$s are split evenly between %3$d children. How many does each child get?",
                "%1$s has %2$d %4$s and puts the same number into each of %3$d bags. How many go in each bag?")),
                who, total, people, item);
        if (slip) {
            trace.slip("Each gets " + total + " - " + people + ".",
                    "Wait, sharing equally means dividing, not subtracting.");
        }
        trace.step("Each gets " + total + " ÷ " + people + ". " + new Division(total, people).longDivision());
        trace.step("So each gets " + each + ".");
        trace.step("Check: " + people + " × " + each + " = " + total + ". Correct.");
        return trace.toProblem(name(), "share:" + total + "/" + people, question,
                "Each gets **" + each + "** " + item + ".", String.valueOf(each));
    }

    private static void multiplicationSlip(Trace trace, int count, int price) {
        trace.slip("Total cost: " + count + " + " + price + ".",
                "Wait, " + count + " items at " + price + " dollars each means multiplying, not adding.");
    }
}
