package io.ptp4j.core.servo;

/**
 * Servo settings, named after linuxptp's config keys, with its defaults. Thresholds are in
 * seconds as in the config file; zero disables them.
 */
public final class ServoConfig extends io.ptp4j.core.engine.Settings<ServoConfig> {
    public String clockServo = "pi";
    public double piProportionalConst = 0.0;
    public double piIntegralConst = 0.0;
    public double piProportionalScale = 0.0;
    public double piProportionalExponent = -0.3;
    public double piProportionalNormMax = 0.7;
    public double piIntegralScale = 0.0;
    public double piIntegralExponent = 0.4;
    public double piIntegralNormMax = 0.3;
    public double stepThreshold = 0.0;
    public double firstStepThreshold = 0.00002;
    public int maxFrequency = 900_000_000;
    public int servoOffsetThreshold = 0;
    public int servoNumOffsetValues = 10;
    /** Software timestamping picks the gentler PI constants, as linuxptp does. */
    public boolean softwareTimestamping = false;
}
