package io.ptp4j.tools.dashboard;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.TestData;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard end to end: `ptp4j demo --dashboard-port P` runs, headless Chromium loads
 * the page (inline JS, server-sent events) and the DOM it renders must hold plotted points in all
 * three charts, the port state and the grandmaster. The screenshot goes to docs/img/ for
 * docs/operations.md.
 */
@Tag("interop")
class DashboardInteropTest {
    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int runs;

    static String chromium(Path dir, String... args) throws Exception {
        // a fresh profile per run: a second run on a profile still locked by the first may hand off and do nothing
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("chromium-profile-" + runs++), "--virtual-time-budget=5000"));
        // virtual time waits for open requests; the page (?updates=N) closes its event stream after N updates
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium hung");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.err")));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void demoDashboardPlotsInHeadlessChromium(@TempDir Path dir) throws Exception {
        int dp = freePort(), mp = freePort();
        Process demo = new ProcessBuilder(noClock(bin("ptp4j"), "demo", "--speed", "6", "--duration", "900",
                "--dashboard-port", Integer.toString(dp), "--metrics-port", Integer.toString(mp))).redirectErrorStream(true).redirectOutput(dir.resolve("demo.log").toFile()).start();
        try {
            HttpClient c = HttpClient.newHttpClient();
            String snap = "";
            // wait for hw-client to lock: SLAVE and a couple of hundred samples (8 per simulated second)
            for (int i = 0; i < 600; i++) {
                Thread.sleep(100);
                try {
                    snap = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dp + "/snapshot")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.io.IOException notYet) {
                    continue;
                }
                Matcher seq = Pattern.compile("\"seq\":(\\d+)").matcher(snap);
                if (snap.contains("\"state\":\"SLAVE\"") && seq.find() && Long.parseLong(seq.group(1)) > 200) break;
            }
            assertTrue(snap.contains("\"state\":\"SLAVE\""), "demo did not reach SLAVE: " + snap + "\n" + Files.readString(dir.resolve("demo.log")));
            String url = "http://127.0.0.1:" + dp + "/?updates=3";
            String dom = chromium(dir, "--dump-dom", url);
            Matcher pts = Pattern.compile("<svg id=\"(offset|delay|freq)\"[^>]*data-points=\"(\\d+)\"").matcher(dom);
            int charts = 0;
            while (pts.find()) {
                charts++;
                assertTrue(Integer.parseInt(pts.group(2)) > 100, pts.group(1) + " chart has " + pts.group(2) + " points");
            }
            assertEquals(3, charts, dom);
            assertTrue(dom.contains("<polyline"), "a line is drawn");
            assertTrue(dom.matches("(?s).*<td class=\"state SLAVE\">SLAVE</td>.*"), dom);
            assertTrue(dom.contains("id=\"gm\">000000.fffe.000002<") || dom.matches("(?s).*id=\"gm\">[0-9a-f]{6}\\.[0-9a-f]{4}\\.[0-9a-f]{6}<.*"), dom);
            assertTrue(dom.contains("<h1 id=\"title\">ptp4j demo: hw-client</h1>"), dom);
            Matcher updates = Pattern.compile("id=\"events\">(\\d+)<").matcher(dom);
            assertTrue(updates.find() && Integer.parseInt(updates.group(1)) == 3, "three server-sent events rendered: " + dom);
            Path png = TestData.root().resolve("docs/img/dashboard.png");
            Files.createDirectories(png.getParent());
            chromium(dir, "--window-size=960,900", "--screenshot=" + png, url);
            assertTrue(Files.exists(png) && Files.size(png) > 10_000, "screenshot not written: " + Files.readString(dir.resolve("chromium.err")));
            String metrics = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mp + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.matches("(?s).*ptp4j_messages_total\\{process=\"sim\",iface=\"hw-client\",port=\"1\",type=\"SYNC\",direction=\"rx\"\\} [1-9]\\d*\n.*"),
                    metrics);
        } finally {
            demo.destroy();
            if (!demo.waitFor(10, TimeUnit.SECONDS)) demo.destroyForcibly();
        }
    }
}
