package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * scenarios/seed-outage.toml: dependent transactions on two database nodes, one behind a loaded
 * plain switch (30 us off), one that fails over at 60 s to a grandmaster 15 ms off. Naive
 * timestamps misorder them before and after the failover; commit wait on the bound never does,
 * and what it costs shows as the wait.
 */
class SeedOutageTest {
    @Test
    void commitWaitOnTheBoundPreventsWhatNaiveTimestampsGetWrong() throws Exception {
        ScenarioRun run = new ScenarioRun(Scenario.load(ScenarioSuiteTest.scenarios().resolve("seed-outage.toml")), n -> null);
        run.advance(60_000_000_000L);
        OrderingWorkload.Result before = run.workload.result();
        run.advance(run.scenario.durationNanos - 60_000_000_000L);
        OrderingWorkload.Result all = run.workload.result();
        System.out.println("before the failover: " + before + "\nthe whole run:       " + all);

        assertTrue(before.pairs() > 35_000, "1,000 pairs a second from 20 s: " + before);
        // the loaded switch alone: db-a runs 30 us ahead, more than the 20 us between dependent transactions
        assertTrue(before.naiveViolations() > before.pairs() / 10, "naive stamps misorder behind the loaded switch: " + before);
        // after the failover db-b runs 15 ms ahead
        assertTrue(all.naiveViolations() - before.naiveViolations() > (all.pairs() - before.pairs()) / 10, "and after the failover: " + all);
        assertEquals(0, all.waitViolations(), "commit wait on the bound never misorders");
        assertTrue(all.committed() > all.pairs() * 95 / 100, "the bound stayed usable nearly throughout: " + all);
        // the price: twice db-a's bound (tens of us) before; twice db-b's (15 ms and growing) after
        assertTrue(before.maxWaitNanos() < 200_000, "waits before the failover: " + before);
        assertTrue(all.maxWaitNanos() > 30_000_000, "db-b's commits wait out its 15 ms bound twice over: " + all);

        SimNode dbB = run.sim.node("db-b");
        assertTrue(Math.abs(dbB.trueErrorNanos()) > 15_000_000, "db-b follows the bad grandmaster");
        assertEquals(io.ptp4j.core.bound.BoundStatus.FREE_RUNNING, dbB.bound().published().status(),
                "its accuracy unknown, db-b's bound rests on its holdover and every step since");
        assertTrue(dbB.bound().published().boundAt(run.sim.now()) >= Math.abs(dbB.trueErrorNanos()));
    }
}
