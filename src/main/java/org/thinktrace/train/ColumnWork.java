package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Column-by-column addition or subtraction of two non-negative numbers, written the way it is done
 * on paper: one line per column from the ones up, with carries (addition) or borrows (subtraction).
 * For subtraction the top number must not be smaller than the bottom one.
 */
final class ColumnWork {

    private static final List<String> PLACES = List.of("Ones", "Tens", "Hundreds", "Thousands", "Ten-thousands");

    /** One column: digits, what came in from the column to the right, what was written and passed on. */
    private record Column(int place, int top, int bottom, int carryIn, int raw, int written, int carryOut) {
    }

    private final boolean addition;
    private final int top;
    private final int bottom;
    private final List<Column> columns;

    private ColumnWork(boolean addition, int top, int bottom) {
        if (top < 0 || bottom < 0 || (!addition && top < bottom)) {
            throw new IllegalArgumentException("column work needs non-negative numbers, top ≥ bottom for subtraction: "
                    + top + (addition ? " + " : " - ") + bottom);
        }
        this.addition = addition;
        this.top = top;
        this.bottom = bottom;
        this.columns = computeColumns();
    }

    static ColumnWork addition(int top, int bottom) {
        return new ColumnWork(true, top, bottom);
    }

    static ColumnWork subtraction(int top, int bottom) {
        return new ColumnWork(false, top, bottom);
    }

    /** The result of the operation. */
    int result() {
        return addition ? top + bottom : top - bottom;
    }

    private List<Column> computeColumns() {
        int width = Math.max(String.valueOf(top).length(), String.valueOf(bottom).length());
        List<Column> result = new ArrayList<>();
        int carry = 0;
        int t = top;
        int b = bottom;
        for (int place = 0; place < width; place++) {
            int dt = t % 10;
            int db = b % 10;
            int raw = addition ? dt + db + carry : dt - db - carry;
            int written = addition ? raw % 10 : Math.floorMod(raw, 10);
            int carryOut = addition ? raw / 10 : (raw < 0 ? 1 : 0);
            result.add(new Column(place, dt, db, carry, raw, written, carryOut));
            carry = carryOut;
            t /= 10;
            b /= 10;
        }
        return result;
    }

    /**
     * Each number's digits named by place, from the ones up, before the columns use them, so that a column's digit is
     * found by its place's name rather than by counting from the number's end: {@code Digits from the right: 6559 has
     * ones 9, tens 5, hundreds 5, thousands 6; 53 has ones 3, tens 5.} (The eighth-edition model's addition misses
     * read a digit of the longer number from the wrong place when the two numbers' lengths differed.)
     */
    String placesLine() {
        return "Digits from the right: " + places(top) + "; " + places(bottom) + ".";
    }

    /** {@code number}'s digits named by place from the ones up: {@code "53 has ones 3, tens 5"}. */
    static String places(int number) {
        List<String> named = new ArrayList<>();
        int rest = number;
        int place = 0;
        do {
            named.add(PLACES.get(place).toLowerCase() + " " + rest % 10);
            rest /= 10;
            place++;
        } while (rest > 0);
        return number + " has " + String.join(", ", named);
    }

    /** The name of a place, counted from 0 for the ones: {@code "Ones"}, {@code "Tens"}, … {@code "Ten-thousands"}. */
    static String placeName(int place) {
        return PLACES.get(place);
    }

    /** The column lines, the final carry and the reading of the result. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(line(c, c.raw()));
        }
        closeLines(out);
        return out;
    }

    /**
     * The same lines with one slip before a column: a forgotten carry or borrow where there is one,
     * otherwise a column result that is off by one. The slip is noticed and the column redone.
     */
    List<String> linesWithSlip(RandomGenerator rnd) {
        List<Column> withCarry = columns.stream().filter(c -> c.carryIn() > 0).toList();
        Column target = withCarry.isEmpty()
                ? columns.get(rnd.nextInt(columns.size()))
                : withCarry.get(rnd.nextInt(withCarry.size()));
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            if (c == target) {
                out.addAll(slipLines(c));
            }
            out.add(line(c, c.raw()));
        }
        closeLines(out);
        return out;
    }

    private List<String> slipLines(Column c) {
        String place = PLACES.get(c.place());
        if (c.carryIn() > 0) {
            int wrongRaw = addition ? c.top() + c.bottom() : c.top() - c.bottom();
            Column wrong = new Column(c.place(), c.top(), c.bottom(), 0, wrongRaw,
                    addition ? wrongRaw % 10 : Math.floorMod(wrongRaw, 10), addition ? wrongRaw / 10 : (wrongRaw < 0 ? 1 : 0));
            String what = addition ? "carry" : "borrow";
            String from = PLACES.get(c.place() - 1).toLowerCase();
            return List.of(line(wrong, wrongRaw),
                    "Wait, I forgot the " + what + " " + c.carryIn() + " from the " + from + ". " + place + " again:");
        }
        int honest = c.raw();
        int wrongRaw = honest == 0 ? 1 : honest + (honest % 2 == 0 ? -1 : 1);
        String op = c.top() + (addition ? " + " : " - ") + c.bottom();
        return List.of(place + ": " + op + " = " + wrongRaw + ".",
                "Wait, " + op + " is " + honest + ", not " + wrongRaw + ". " + place + " again:");
    }

    /**
     * The whole operation on one line, columns from the ones up, the last column writing its full
     * value: {@code 93 + 51: ones 3 + 1 = 4, write 4; tens 9 + 5 = 14, write 14. So 144.}
     */
    String inline() {
        String sign = addition ? " + " : " - ";
        List<String> parts = new ArrayList<>();
        for (Column c : columns) {
            String expr = PLACES.get(c.place()).toLowerCase() + " " + c.top() + sign + c.bottom()
                    + (c.carryIn() > 0 ? sign + c.carryIn() : "") + " = " + c.raw();
            boolean last = c.place() == columns.size() - 1;
            if (last) {
                parts.add(expr + ", write " + c.raw());
            } else if (addition) {
                parts.add(expr + ", write " + c.written() + (c.carryOut() > 0 ? " carry " + c.carryOut() : ""));
            } else {
                parts.add(expr + (c.raw() < 0 ? ", add 10: " + c.written() + ", borrow 1" : ", write " + c.written()));
            }
        }
        return top + sign + bottom + ": " + String.join("; ", parts) + ". So " + result() + ".";
    }

    private String line(Column c, int raw) {
        String place = PLACES.get(c.place());
        String sign = addition ? " + " : " - ";
        String expr = c.top() + sign + c.bottom() + (c.carryIn() > 0 ? sign + c.carryIn() : "");
        if (addition) {
            return place + ": " + expr + " = " + raw + ", write " + (raw % 10)
                    + (raw >= 10 ? ", carry " + raw / 10 : "") + ".";
        }
        if (raw < 0) {
            return place + ": " + expr + " = " + raw + ", below 0: " + raw + " + 10 = " + (raw + 10)
                    + ", write " + (raw + 10) + ", borrow 1.";
        }
        return place + ": " + expr + " = " + raw + ", write " + raw + ".";
    }

    private void closeLines(List<String> out) {
        Column last = columns.get(columns.size() - 1);
        if (addition && last.carryOut() > 0) {
            out.add("The carry " + last.carryOut() + " goes in front.");
        }
        String op = top + (addition ? " + " : " - ") + bottom;
        boolean leadingZeros = String.valueOf(result()).length() < columns.size() + (addition ? last.carryOut() : 0);
        String reading = leadingZeros ? "Reading the digits from the left, without leading zeros: " : "Reading the digits from the left: ";
        out.add(reading + op + " = " + result() + ".");
    }
}
