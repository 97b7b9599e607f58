package org.thinktrace.train;

/**
 * Which phrasing templates a draw of questions may use: the ones trained on, or the ones held out
 * of training so that evaluation measures wording the model never saw.
 */
public enum PhrasingSplit {
    TRAINING, HELD_OUT
}
