package org.thinktrace.model;

import ai.djl.ndarray.NDArray;

/**
 * One linear projection {@code y = x · weightᵀ + bias} with an HF {@code [out, in]} weight.
 *
 * @param weight [out, in]
 * @param bias   [out], or null
 */
public record Projection(NDArray weight, NDArray bias) {
}
