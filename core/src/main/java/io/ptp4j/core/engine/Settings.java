package io.ptp4j.core.engine;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Base of the engine's settings classes ({@link ClockConfig}, {@link PortConfig},
 * {@link io.ptp4j.core.servo.ServoConfig}): public fields named after linuxptp's config keys, with
 * linuxptp's defaults, and a {@link #copy()} that copies by construction. A copy is deep for
 * arrays and nested settings and shares only immutable values (numbers, strings, enums,
 * functions), so adding a key means adding one field and nothing else; {@code SettingsCopyTest}
 * checks that no mutable state is ever shared. The engine takes a copy when it is built and never
 * writes to it: what management changes at run time lives in the data sets ({@code core/dataset}).
 */
public abstract class Settings<T extends Settings<T>> implements Cloneable {
    /** A deep copy: every field, with arrays and nested settings copied too. */
    @SuppressWarnings("unchecked")
    public final T copy() {
        try {
            Settings<T> c = (Settings<T>) super.clone();
            for (Class<?> k = getClass(); k != Settings.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) continue;
                    f.setAccessible(true);
                    f.set(c, deep(f.get(this)));
                }
            }
            return (T) c;
        } catch (CloneNotSupportedException | IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Object deep(Object v) {
        if (v instanceof Settings<?> s) return s.copy();
        if (v != null && v.getClass().isArray()) {
            int n = Array.getLength(v);
            Object a = Array.newInstance(v.getClass().getComponentType(), n);
            for (int i = 0; i < n; i++) Array.set(a, i, deep(Array.get(v, i)));
            return a;
        }
        return v;
    }
}
