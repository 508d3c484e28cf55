package io.ptp4j.core.servo;

/** Servo states, as linuxptp's {@code enum servo_state} and its log tags s0..s3. */
public enum ServoState {
    /** s0: not yet locked; the clock is not adjusted. */
    UNLOCKED("s0"),
    /** s1: the caller must step the clock by -offset, then the servo runs on. */
    JUMP("s1"),
    /** s2: locked; apply the returned frequency. */
    LOCKED("s2"),
    /** s3: locked and stable (servo_offset_threshold met for servo_num_offset_values samples). */
    LOCKED_STABLE("s3");

    public final String tag;

    ServoState(String tag) {
        this.tag = tag;
    }
}
