package dev.rampart.simulator.attack;

import java.util.function.DoubleUnaryOperator;

/**
 * Best-effort maximisation of a function of one non-negative factor by exploration, the procedure
 * ByzFL uses to tune its optimal ALIE and optimal IPM attacks.
 *
 * <p>Start at x = {@code start}. Expansion: try x + δ; while that improves, accept it and double δ;
 * at the first non-improving try, multiply δ by {@code ratio} and stop expanding. Contraction: the
 * probe then moves by δ towards the best point (from below: +δ; from above: −δ, halved towards the
 * probe while negative), keeps the best value seen, and shrinks δ by {@code ratio} after each try.
 * Stops after {@code evaluations} calls in total. Ties keep the earlier point.
 *
 * @param evaluations calls to the objective, at least 1 (ByzFL's default: 16)
 * @param start first factor, at least 0 (default 0)
 * @param delta first step, positive (default 1)
 * @param ratio contraction in (0.5, 1) (default 0.8)
 */
public record LineMaximizer(int evaluations, double start, double delta, double ratio) {
  /** ByzFL's defaults: 16 evaluations from 0 with step 1 and ratio 0.8. */
  public static final LineMaximizer DEFAULT = new LineMaximizer(16, 0, 1, 0.8);

  /** Validates the ranges above; messages name the bad value. */
  public LineMaximizer {
    if (evaluations < 1) {
      throw new IllegalArgumentException("evaluations must be at least 1, but evaluations=" + evaluations);
    }
    if (!(start >= 0) || Double.isInfinite(start)) {
      throw new IllegalArgumentException("start must be a finite number >= 0, but start=" + start);
    }
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("delta must be positive, but delta=" + delta);
    }
    if (!(ratio > 0.5 && ratio < 1)) {
      throw new IllegalArgumentException("ratio must be in (0.5, 1), but ratio=" + ratio);
    }
  }

  /** The factor with the largest objective value found. */
  public double maximize(DoubleUnaryOperator objective) {
    int left = evaluations;
    double step = delta;
    double bestX = start;
    double bestY = objective.applyAsDouble(bestX);
    left--;
    double probe = bestX;
    while (left > 0) {
      probe = bestX + step;
      double y = objective.applyAsDouble(probe);
      left--;
      if (y > bestY) {
        bestY = y;
        bestX = probe;
        step *= 2;
      } else {
        step *= ratio;
        break;
      }
    }
    while (left > 0) {
      if (probe < bestX) {
        probe += step;
      } else {
        double x = probe - step;
        while (x < 0) {
          x = (x + probe) / 2;
        }
        probe = x;
      }
      double y = objective.applyAsDouble(probe);
      left--;
      if (y > bestY) {
        bestY = y;
        bestX = probe;
      }
      step *= ratio;
    }
    return bestX;
  }
}
