package dev.rampart.simulator.attack;

import java.util.function.DoubleUnaryOperator;

/**
 * Best-effort maximisation of a function of one real factor by mere exploration, exactly the
 * procedure ByzFL uses to tune its optimal IPM and optimal ALIE attacks: the methods
 * {@code _expansion_phase} and {@code _contraction_phase} of the classes
 * {@code Optimal_InnerProductManipulation} and {@code Optimal_ALittleIsEnough} in ByzFL's
 * {@code byzfl/attacks/attacks.py} (the two classes carry identical copies of the search).
 *
 * <p>Procedure, with x* the best point so far, y* its value and a budget of {@code evaluations}
 * calls to the objective:
 *
 * <ol>
 *   <li>Start: x* = {@code start}, y* = objective(x*) (one evaluation); δ = {@code delta}.
 *   <li>Expansion, while budget is left: propose x = x* + δ and evaluate it. If its value is
 *       strictly greater than y*, accept it (x* = x, y* = value) and double δ; otherwise multiply
 *       δ by {@code ratio} and end the expansion.
 *   <li>Contraction, while budget is left: propose x = x* + δ (always forward from the current
 *       best, never a step back from a rejected probe), evaluate it, accept it if its value is
 *       strictly greater than y*, and multiply δ by {@code ratio} after every proposal, accepted
 *       or not.
 *   <li>Return x*.
 * </ol>
 *
 * <p>Ties and non-improving values (including NaN) keep the earlier point. Every proposal costs
 * one evaluation and the search makes exactly {@code evaluations} calls in total (with a budget of
 * 1 it only evaluates {@code start}). Because δ keeps its sign, a positive δ only ever probes at
 * or above {@code start}. Cost: {@code evaluations} objective calls, O(1) memory.
 *
 * <p>ByzFL's defaults ({@link #DEFAULT}): 20 evaluations, start 0.0, δ 10.0, ratio 0.8; ByzFL
 * accepts any start, any non-zero δ and a ratio in (0.5, 1), and so does this record (finite
 * values only).
 *
 * <p>Immutable and thread-safe; {@link #maximize} is as thread-safe as the objective it calls.
 *
 * @param evaluations calls to the objective, at least 1 (ByzFL's {@code evals}, default 20)
 * @param start first factor, finite (default 0.0)
 * @param delta first step, finite and non-zero (default 10.0)
 * @param ratio step contraction factor, in (0.5, 1) (default 0.8)
 */
public record LineMaximizer(int evaluations, double start, double delta, double ratio) {
  /** ByzFL's defaults: 20 evaluations from 0.0 with step 10.0 and ratio 0.8. */
  public static final LineMaximizer DEFAULT = new LineMaximizer(20, 0.0, 10.0, 0.8);

  /** Validates the ranges above; messages name the bad value. */
  public LineMaximizer {
    if (evaluations < 1) {
      throw new IllegalArgumentException("evaluations must be at least 1, but evaluations=" + evaluations);
    }
    if (!Double.isFinite(start)) {
      throw new IllegalArgumentException("start must be a finite number, but start=" + start);
    }
    if (!Double.isFinite(delta) || delta == 0) {
      throw new IllegalArgumentException("delta must be a finite non-zero number, but delta=" + delta);
    }
    if (!(ratio > 0.5 && ratio < 1)) {
      throw new IllegalArgumentException("ratio must be in (0.5, 1), but ratio=" + ratio);
    }
  }

  /**
   * The factor with the largest objective value found by the procedure above.
   *
   * @param objective the function to maximise; called exactly {@link #evaluations} times, in order
   * @return the best factor probed (x*)
   */
  public double maximize(DoubleUnaryOperator objective) {
    int left = evaluations - 1;
    double step = delta;
    double bestX = start;
    double bestY = objective.applyAsDouble(bestX);
    while (left > 0) {
      double x = bestX + step;
      double y = objective.applyAsDouble(x);
      left--;
      if (y > bestY) {
        bestX = x;
        bestY = y;
        step *= 2;
      } else {
        step *= ratio;
        break;
      }
    }
    while (left > 0) {
      double x = bestX + step;
      double y = objective.applyAsDouble(x);
      left--;
      if (y > bestY) {
        bestX = x;
        bestY = y;
      }
      step *= ratio;
    }
    return bestX;
  }
}
