package io.ptp4j.core.bound;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.EngineListener;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed sits in front of the daemon's logs and metrics: every event must reach them unchanged. */
class EngineBoundFeedTest {
    @Test
    void everyEventIsPassedOn() throws Exception {
        List<String> seen = new ArrayList<>();
        EngineListener inner = (EngineListener) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EngineListener.class},
                (proxy, m, args) -> {
                    seen.add(m.getName());
                    return null;
                });
        EngineBoundFeed feed = new EngineBoundFeed(inner, () -> 0L, null, false); // not attached: forwarding only
        List<String> expected = new ArrayList<>();
        for (Method m : EngineListener.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) continue;
            Object[] args = new Object[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = types[i] == int.class ? (Object) 1 : types[i] == long.class ? (Object) 1L : types[i] == double.class ? (Object) 1.0 : null;
            }
            EngineBoundFeed.class.getMethod(m.getName(), types).invoke(feed, args);
            expected.add(m.getName());
        }
        assertEquals(expected, seen, "EngineBoundFeed must override and forward every EngineListener method");
    }
}
