package io.ptp4j.tools.config;

import io.ptp4j.core.servo.ServoConfig;

/** The servo keys linuxptp's servo_create reads, for ptp4l, phc2sys and ts2phc alike. */
public final class ServoSettings {
    private ServoSettings() {}

    /**
     * @param softwareTimestamping selects the PI's software-timestamp constants (ptp4l -S); phc2sys
     *                             and ts2phc use the hardware ones, as linuxptp does
     */
    public static ServoConfig from(PtpConfig c, boolean softwareTimestamping) {
        ServoConfig s = new ServoConfig();
        s.clockServo = c.getEnum("clock_servo");
        s.piProportionalConst = c.getDouble("pi_proportional_const");
        s.piIntegralConst = c.getDouble("pi_integral_const");
        s.piProportionalScale = c.getDouble("pi_proportional_scale");
        s.piProportionalExponent = c.getDouble("pi_proportional_exponent");
        s.piProportionalNormMax = c.getDouble("pi_proportional_norm_max");
        s.piIntegralScale = c.getDouble("pi_integral_scale");
        s.piIntegralExponent = c.getDouble("pi_integral_exponent");
        s.piIntegralNormMax = c.getDouble("pi_integral_norm_max");
        s.stepThreshold = c.getDouble("step_threshold");
        s.firstStepThreshold = c.getDouble("first_step_threshold");
        s.maxFrequency = c.getInt("max_frequency");
        s.servoOffsetThreshold = c.getInt("servo_offset_threshold");
        s.servoNumOffsetValues = c.getInt("servo_num_offset_values");
        s.softwareTimestamping = softwareTimestamping;
        return s;
    }
}
