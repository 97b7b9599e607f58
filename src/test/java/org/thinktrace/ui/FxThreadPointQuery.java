package org.thinktrace.ui;

import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import org.testfx.robot.Motion;
import org.testfx.service.query.PointQuery;

/**
 * A TestFX point query whose every {@link #query()} computes the point on the JavaFX thread. TestFX computes a
 * node's screen bounds on the calling (test) thread, which races with the pulse: bounds computed while the FX thread
 * changes a parent's children corrupt that parent's cached bounds, and a later pulse fails with an
 * {@code IndexOutOfBoundsException} in {@code Parent.updateCachedBounds}. The query stays lazy: the robot asks for
 * the point again when its motion ends, so it still aims at where the node is then.
 */
final class FxThreadPointQuery implements PointQuery {

    private final PointQuery onCallingThread;

    FxThreadPointQuery(PointQuery onCallingThread) {
        this.onCallingThread = onCallingThread;
    }

    @Override
    public Point2D query() {
        return DesktopTestBase.onFxThread(onCallingThread::query);
    }

    @Override
    public PointQuery atPosition(Point2D position) {
        return new FxThreadPointQuery(onCallingThread.atPosition(position));
    }

    @Override
    public PointQuery atPosition(double x, double y) {
        return new FxThreadPointQuery(onCallingThread.atPosition(x, y));
    }

    @Override
    public PointQuery atPosition(Pos position) {
        return new FxThreadPointQuery(onCallingThread.atPosition(position));
    }

    @Override
    public PointQuery atOffset(Point2D offset) {
        return new FxThreadPointQuery(onCallingThread.atOffset(offset));
    }

    @Override
    public PointQuery atOffset(double x, double y) {
        return new FxThreadPointQuery(onCallingThread.atOffset(x, y));
    }

    @Override
    public PointQuery onNode(Node node) {
        return new FxThreadPointQuery(onCallingThread.onNode(node));
    }

    @Override
    public Point2D getPosition() {
        return onCallingThread.getPosition();
    }

    @Override
    public Point2D getOffset() {
        return onCallingThread.getOffset();
    }

    @Override
    public Optional<Motion> queryMotion() {
        return onCallingThread.queryMotion();
    }
}
