package io.ptp4j.core.engine;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.servo.ServoConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Settings#copy()} copies by construction: every field of every settings class (a key
 * added tomorrow included) comes out equal, and no mutable state is shared between a copy and its
 * original. Before the split, a hand-written copy() had to be kept in step with every new key.
 */
class SettingsCopyTest {
    /** Every field set to a value other than its default, so that a field left behind shows. */
    static void scramble(Object o, int salt) throws Exception {
        for (Field f : o.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            Class<?> t = f.getType();
            if (t == int.class) f.setInt(o, 1000 + salt);
            else if (t == long.class) f.setLong(o, 100_000L + salt);
            else if (t == double.class) f.setDouble(o, 0.5 + salt);
            else if (t == boolean.class) f.setBoolean(o, !f.getBoolean(o));
            else if (t == String.class) f.set(o, "v" + salt);
            else if (t.isEnum()) f.set(o, t.getEnumConstants()[t.getEnumConstants().length - 1]);
            else if (t == String[].class) f.set(o, new String[] {"192.0.2." + salt});
            else if (t == PortConfig.class) scramble(f.get(o), salt + 1);
            else if (t == PortConfig[].class) f.set(o, new PortConfig[] {new PortConfig(), null});
            else if (t == ServoConfig.class) scramble(f.get(o), salt + 2);
            else if (t == java.util.function.Supplier.class) f.set(o, (java.util.function.Supplier<Object>) () -> null);
            else fail("SettingsCopyTest does not know how to set " + o.getClass().getSimpleName() + "." + f.getName() + " (" + t + ")");
        }
    }

    static void assertDeepCopy(Object a, Object b, String path) throws Exception {
        assertNotSame(a, b, path + " is shared");
        for (Field f : a.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            Object x = f.get(a), y = f.get(b);
            String p = path + "." + f.getName();
            if (x instanceof Settings<?>) assertDeepCopy(x, y, p);
            else if (x instanceof Object[] xs) {
                Object[] ys = (Object[]) y;
                assertNotSame(xs, ys, p + " is shared");
                assertEquals(xs.length, ys.length, p);
                for (int i = 0; i < xs.length; i++) {
                    if (xs[i] instanceof Settings<?>) assertDeepCopy(xs[i], ys[i], p + "[" + i + "]");
                    else assertEquals(xs[i], ys[i], p + "[" + i + "]");
                }
            } else assertEquals(x, y, p);
        }
    }

    @Test
    void aCopyHasEveryFieldAndSharesNothingMutable() throws Exception {
        for (Object original : List.of(new ClockConfig(), new PortConfig(), new ServoConfig())) {
            scramble(original, 7);
            Object copy = ((Settings<?>) original).copy();
            assertDeepCopy(original, copy, original.getClass().getSimpleName());
        }
    }

    @Test
    void changingACopyLeavesTheOriginalAlone() {
        ClockConfig a = new ClockConfig();
        a.port.unicastMasters = new String[] {"192.0.2.1"};
        ClockConfig b = a.copy();
        b.port.logSyncInterval = -3;
        b.port.unicastMasters[0] = "192.0.2.9";
        b.servo.stepThreshold = 1;
        assertEquals(0, a.port.logSyncInterval);
        assertEquals("192.0.2.1", a.port.unicastMasters[0]);
        assertEquals(0.0, a.servo.stepThreshold);
    }
}
