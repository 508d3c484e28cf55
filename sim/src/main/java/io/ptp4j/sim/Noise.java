package io.ptp4j.sim;

import java.util.SplittableRandom;

/** A random delay or timestamp error: constant + gaussian, exponential or uniform part, ns. */
public record Noise(String kind, double baseNanos, double spreadNanos) {
    public static final Noise NONE = new Noise("none", 0, 0);

    public static Noise gaussian(double sigmaNanos) {
        return new Noise("gaussian", 0, sigmaNanos);
    }

    public double sample(SplittableRandom r) {
        return switch (kind) {
            case "gaussian" -> baseNanos + r.nextGaussian() * spreadNanos;
            case "exponential" -> baseNanos - Math.log(1 - r.nextDouble()) * spreadNanos;
            case "uniform" -> baseNanos + r.nextDouble() * spreadNanos;
            default -> baseNanos;
        };
    }
}
