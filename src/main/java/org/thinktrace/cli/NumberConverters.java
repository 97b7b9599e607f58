package org.thinktrace.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values that are numbers, with messages that say what is wrong: not a number, not a whole number, or
 * a whole number too large for the option ({@code --max-tokens 1000000000000}: "is too large, at most …").
 */
final class NumberConverters {

    private NumberConverters() {
    }

    /** Registers the converters on {@code line} and every subcommand added to it so far. */
    static void register(CommandLine line) {
        ITypeConverter<Integer> ints = value -> (int) whole(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ITypeConverter<Long> longs = value -> whole(value, Long.MIN_VALUE, Long.MAX_VALUE);
        ITypeConverter<Double> doubles = NumberConverters::finite;
        line.registerConverter(Integer.class, ints).registerConverter(int.class, ints)
                .registerConverter(Long.class, longs).registerConverter(long.class, longs)
                .registerConverter(Double.class, doubles).registerConverter(double.class, doubles);
    }

    static long whole(String text, long min, long max) {
        String value = text.trim();
        BigInteger number;
        try {
            number = new BigInteger(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a whole number, got '" + text + "'");
        }
        if (number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new TypeConversionException("is too large: " + text + " (at most " + max + ")");
        }
        if (number.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new TypeConversionException("is too small: " + text + " (at least " + min + ")");
        }
        return number.longValueExact();
    }

    static double finite(String text) {
        try {
            double value = new BigDecimal(text.trim()).doubleValue();
            if (Double.isFinite(value)) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("must be a number, got '" + text + "'");
    }
}
