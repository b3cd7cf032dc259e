package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A scheduled check that waits for another's remote check never waits forever: not when that check
 * ends with an {@link Error}, not past twice the Git timeout, and an interrupt is a Git failure.
 */
class SharedHeadsWaitTest {
  private static final Source SOURCE =
      Source.of(SourceName.of("site"), "https://git.example.com/site.git");
  private static final Duration INTERVAL = Duration.ofSeconds(60);

  private final MutableClock clock = MutableClock.startingAt("2026-12-05T10:00:00Z");
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch firstStarted = new CountDownLatch(1);
  private final CountDownLatch firstMayEnd = new CountDownLatch(1);
  private final AtomicReference<Thread> waiter = new AtomicReference<>();

  @AfterEach
  void stop() {
    firstMayEnd.countDown();
    pool.shutdownNow();
  }

  private static Revision revision(int n) {
    return Revision.of(String.format("%040d", n));
  }

  /** A reader whose n-th {@link GitReader#update} (from 1) does {@code update}. */
  private static GitReader reader(IntFunction<Revision> update, Duration timeout) {
    AtomicInteger calls = new AtomicInteger();
    return (GitReader)
        Proxy.newProxyInstance(
            GitReader.class.getClassLoader(),
            new Class<?>[] {GitReader.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "update" -> update.apply(calls.incrementAndGet());
                  case "remoteTimeout" -> timeout;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** The first update waits until released, then does {@code first}; later ones answer. */
  private GitReader firstBlocked(Runnable first, Duration timeout) {
    return reader(
        n -> {
          if (n == 1) {
            firstStarted.countDown();
            try {
              firstMayEnd.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            first.run();
          }
          return revision(n);
        },
        timeout);
  }

  /** Starts a first check, then a second that waits for it; the second's answer. */
  private Future<Revision> secondWaitingForFirst(SharedHeads heads) throws InterruptedException {
    pool.submit(() -> heads.head(SOURCE, "main", INTERVAL, null));
    assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
    Future<Revision> second =
        pool.submit(
            () -> {
              waiter.set(Thread.currentThread());
              return heads.head(SOURCE, "main", INTERVAL, null);
            });
    while (waiter.get() == null || !waiting(waiter.get())) {
      Thread.sleep(1);
    }
    return second;
  }

  private static boolean waiting(Thread thread) {
    return thread.getState() == Thread.State.WAITING
        || thread.getState() == Thread.State.TIMED_WAITING;
  }

  @Test
  void aCheckThatEndsWithAnErrorLetsTheWaitingCheckAskItself() throws Exception {
    SharedHeads heads =
        new SharedHeads(
            firstBlocked(
                () -> {
                  throw new StackOverflowError("in the remote check");
                },
                Duration.ofSeconds(20)),
            clock);
    Future<Revision> second = secondWaitingForFirst(heads);

    firstMayEnd.countDown();

    assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(revision(2));
  }

  @Test
  void aCheckWaitsForAnotherAtMostTwiceTheGitTimeout() throws Exception {
    SharedHeads heads = new SharedHeads(firstBlocked(() -> {}, Duration.ofMillis(100)), clock);
    Future<Revision> second = secondWaitingForFirst(heads);

    assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("waited");
    assertThat(((GitAccessException) causeOf(second)).reason())
        .isEqualTo(GitAccessException.Reason.TIMEOUT);
  }

  @Test
  void anInterruptedWaitIsAGitAccessFailure() throws Exception {
    SharedHeads heads = new SharedHeads(firstBlocked(() -> {}, Duration.ofSeconds(20)), clock);
    Future<Revision> second = secondWaitingForFirst(heads);

    waiter.get().interrupt();

    assertThat(causeOf(second))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("interrupted");
  }

  @Test
  void answersOlderThanTwoIntervalsAreDropped() {
    SharedHeads heads = new SharedHeads(reader(SharedHeadsWaitTest::revision, INTERVAL), clock);
    heads.head(SOURCE, "main", INTERVAL, null);
    heads.head(SOURCE, "release", INTERVAL, null);
    assertThat(heads.answersKept()).isEqualTo(2);

    clock.advance(INTERVAL.multipliedBy(3));
    heads.head(SOURCE, "main", INTERVAL, null);

    assertThat(heads.answersKept()).isEqualTo(1);
  }

  private static Throwable causeOf(Future<Revision> future) throws InterruptedException {
    try {
      future.get(30, TimeUnit.SECONDS);
      throw new AssertionError("no failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("still waiting", e);
    }
  }
}
