package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * A Markdown document's block nodes, top to bottom, held in groups of {@link #GROUP} blocks (nested columns with
 * the same spacing). A group that has not changed since it was laid out answers its height from a cache, so laying
 * out a long answer after a block was added or replaced at its end visits the groups and the blocks of the last
 * one, not every block. Shows the blocks of {@link IncrementalMarkdown} updates.
 */
final class MarkdownColumn extends VBox {

    /** Blocks per group. */
    static final int GROUP = 32;

    private int blocks;

    /** Brings the shown blocks to those of {@code update} (whose kept blocks are the first shown ones). */
    void apply(IncrementalMarkdown.Update update) {
        int kept = Math.min(update.kept(), blocks);
        int groupsKept = (kept + GROUP - 1) / GROUP;
        if (getChildren().size() > groupsKept) getChildren().subList(groupsKept, getChildren().size()).clear();
        if (kept % GROUP != 0) {
            List<Node> last = ((Group) getChildren().getLast()).getChildren();
            last.subList(kept % GROUP, last.size()).clear();
        }
        blocks = kept;
        List<Node> added = update.added();
        int at = 0;
        List<Node> newGroups = new ArrayList<>();
        while (at < added.size()) {
            Group group;
            if (blocks % GROUP != 0) {
                group = (Group) getChildren().getLast();
            } else {
                group = new Group();
                group.spacingProperty().bind(spacingProperty());
                newGroups.add(group);
            }
            int take = Math.min(added.size() - at, GROUP - group.getChildren().size());
            group.getChildren().addAll(added.subList(at, at + take));
            at += take;
            blocks += take;
        }
        getChildren().addAll(newGroups);
    }

    /** The block nodes, in order. */
    List<Node> blocks() {
        List<Node> out = new ArrayList<>(blocks);
        for (Node group : getChildren()) out.addAll(((Group) group).getChildren());
        return out;
    }

    /** A group of blocks whose heights are kept while it does not need layout. */
    private static final class Group extends VBox {

        /** Heights by the width asked for (layout asks for a few: none, the content's width). */
        private final java.util.Map<Double, Double> pref = new java.util.HashMap<>(4);
        private final java.util.Map<Double, Double> min = new java.util.HashMap<>(4);

        Group() {
            getStyleClass().add("md-group");
            needsLayoutProperty().addListener((obs, was, needs) -> {
                if (needs) {
                    pref.clear();
                    min.clear();
                }
            });
        }

        @Override
        protected double computePrefHeight(double width) {
            return kept(pref, width, super::computePrefHeight);
        }

        @Override
        protected double computeMinHeight(double width) {
            return kept(min, width, super::computeMinHeight);
        }

        /** The height kept in {@code cache} for {@code width}, else computed (and kept while no layout is due). */
        private double kept(java.util.Map<Double, Double> cache, double width,
                            java.util.function.DoubleUnaryOperator compute) {
            Double known = isNeedsLayout() ? null : cache.get(width);
            if (known != null) return known;
            double h = compute.applyAsDouble(width);
            if (!isNeedsLayout()) {
                if (cache.size() >= 4) cache.clear();
                cache.put(width, h);
            }
            return h;
        }
    }
}
