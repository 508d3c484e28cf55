package io.ptp4j.core.servo;

/** The servos the engine can run by name (linuxptp's clock_servo, plus ptp4j's kalman). */
public final class Servos {
    private Servos() {}

    /** The names {@link #create} knows. */
    public static final java.util.List<String> NAMES = java.util.List.of("pi", "linreg", "kalman");

    /**
     * A new servo.
     * @param initialFreqPpb the frequency currently set on the clock, ppb
     */
    public static Servo create(String name, ServoConfig cfg, double initialFreqPpb) {
        return switch (name) {
            case "linreg" -> new LinRegServo(cfg, initialFreqPpb, cfg.maxFrequency);
            case "kalman" -> new KalmanServo(cfg, initialFreqPpb, cfg.maxFrequency);
            case "pi" -> new PiServo(cfg, initialFreqPpb, cfg.maxFrequency);
            default -> throw new IllegalArgumentException("unknown servo '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }
}
