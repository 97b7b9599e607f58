package org.thinktrace.model;

import java.util.List;

/**
 * Rows {@code [first, end)} of one call's projection number {@code projection}: about a chunk's bytes of weights, the
 * unit the two lanes of a decode step's products share.
 */
record RowChunk(int projection, int first, int end) {

    /** Cuts {@code rows} rows of {@code rowBytes} bytes each into chunks of about {@code chunkBytes}, appended to {@code into}. */
    static void split(int projection, int rows, long rowBytes, int chunkBytes, List<RowChunk> into) {
        int rowsPerChunk = (int) Math.max(1, chunkBytes / rowBytes);
        for (int first = 0; first < rows; first += rowsPerChunk) {
            into.add(new RowChunk(projection, first, Math.min(rows, first + rowsPerChunk)));
        }
    }
}
