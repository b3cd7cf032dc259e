package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Test;

class SharedRefListingsTest {
  private static final Source SOURCE =
      Source.of(SourceName.of("shared"), "https://git.example.com/shared.git");
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The refs of listing {@code n}: main at an id that says which listing it was. */
  private static Map<String, Ref> listing(int n) {
    String name = "refs/heads/main";
    return Map.of(
        name,
        new ObjectIdRef.PeeledNonTag(
            Ref.Storage.NETWORK, name, ObjectId.fromString(String.format("%040d", n))));
  }

  /** Which listing answered: the number in main's id. */
  private static int listed(Map<String, Ref> refs) {
    return Integer.parseInt(refs.get("refs/heads/main").getObjectId().name());
  }

  @Test
  void oneHundredCallersWaitingAtOnceShareOneListingStartedAfterTheyArrived() throws Exception {
    AtomicInteger listings = new AtomicInteger();
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    SharedRefListings shared =
        new SharedRefListings(
            source -> {
              int n = listings.incrementAndGet();
              if (n == 1) {
                await(firstMayEnd);
              }
              return listing(n);
            },
            WAIT);
    int callers = 100;
    ExecutorService pool = Executors.newFixedThreadPool(callers + 1);
    try {
      // The first listing runs (a push before these callers): it must answer none of them.
      Future<Map<String, Ref>> early = pool.submit(() -> shared.listRefs(SOURCE));
      while (listings.get() == 0) {
        Thread.onSpinWait();
      }
      List<Thread> waiting = new ArrayList<>();
      List<Future<Map<String, Ref>>> late = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        late.add(
            pool.submit(
                () -> {
                  synchronized (waiting) {
                    waiting.add(Thread.currentThread());
                  }
                  return shared.listRefs(SOURCE);
                }));
      }
      awaitAllWaiting(waiting, callers);
      firstMayEnd.countDown();

      assertThat(listed(early.get(30, TimeUnit.SECONDS))).isEqualTo(1);
      for (Future<Map<String, Ref>> answer : late) {
        assertThat(listed(answer.get(30, TimeUnit.SECONDS))).isEqualTo(2);
      }
      assertThat(listings.get()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCallerAfterAListingEndedListsAgain() {
    AtomicInteger listings = new AtomicInteger();
    SharedRefListings shared =
        new SharedRefListings(source -> listing(listings.incrementAndGet()), WAIT);

    assertThat(listed(shared.listRefs(SOURCE))).isEqualTo(1);
    assertThat(listed(shared.listRefs(SOURCE))).isEqualTo(2);
  }

  @Test
  void aFailedListingFailsItsCallersAndTheNextCallerTriesAgain() {
    AtomicInteger listings = new AtomicInteger();
    SharedRefListings shared =
        new SharedRefListings(
            source -> {
              if (listings.incrementAndGet() == 1) {
                throw new IllegalStateException("unreachable");
              }
              return listing(2);
            },
            WAIT);

    assertThatThrownBy(() -> shared.listRefs(SOURCE)).hasMessage("unreachable");
    assertThat(listed(shared.listRefs(SOURCE))).isEqualTo(2);
  }

  @Test
  void aListingThatEndsWithAnErrorFailsItsCallerAndTheNextListsAgain() throws Exception {
    AtomicInteger listings = new AtomicInteger();
    SharedRefListings shared =
        new SharedRefListings(
            source -> {
              if (listings.incrementAndGet() == 1) {
                throw new StackOverflowError("in the listing");
              }
              return listing(2);
            },
            WAIT);

    assertThatThrownBy(() -> shared.listRefs(SOURCE)).isInstanceOf(StackOverflowError.class);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      assertThat(listed(pool.submit(() -> shared.listRefs(SOURCE)).get(30, TimeUnit.SECONDS)))
          .isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCallerWaitsForAnotherListingAtMostItsLimit() throws Exception {
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    CountDownLatch firstStarted = new CountDownLatch(1);
    SharedRefListings shared =
        new SharedRefListings(
            source -> {
              firstStarted.countDown();
              await(firstMayEnd);
              return listing(1);
            },
            Duration.ofMillis(100));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(() -> shared.listRefs(SOURCE));
      assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> shared.listRefs(SOURCE))
          .isInstanceOf(GitAccessException.class)
          .hasMessageContaining("waited")
          .extracting(e -> ((GitAccessException) e).reason())
          .isEqualTo(GitAccessException.Reason.TIMEOUT);
    } finally {
      firstMayEnd.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void callersOfOneSourceWithAnotherUrlOrCredentialShareNoListing() throws Exception {
    Source moved = Source.of(SourceName.of("shared"), "https://git.example.com/moved.git");
    Source withToken =
        SOURCE.withAuth(
            new io.driftless.engine.domain.GitAuth.Token(
                "git", io.driftless.engine.domain.Secret.of("t0ken")),
            null);
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    AtomicInteger listings = new AtomicInteger();
    List<Source> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    SharedRefListings shared =
        new SharedRefListings(
            source -> {
              int n = listings.incrementAndGet();
              asked.add(source);
              if (n == 1) {
                await(firstMayEnd);
              }
              return listing(n);
            },
            WAIT);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<Map<String, Ref>> first = pool.submit(() -> shared.listRefs(SOURCE));
      while (listings.get() == 0) {
        Thread.onSpinWait();
      }
      Map<Source, Future<Map<String, Ref>>> late = new java.util.LinkedHashMap<>();
      for (Source source : List.of(SOURCE, moved, withToken)) {
        late.put(source, pool.submit(() -> shared.listRefs(source)));
      }
      // moved and withToken list at once; the second caller of SOURCE waits for the first.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (listings.get() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      firstMayEnd.countDown();
      first.get(30, TimeUnit.SECONDS);

      for (Map.Entry<Source, Future<Map<String, Ref>>> e : late.entrySet()) {
        int n = listed(e.getValue().get(30, TimeUnit.SECONDS));
        assertThat(asked.get(n - 1)).as("the listing of %s", e.getKey()).isEqualTo(e.getKey());
      }
    } finally {
      firstMayEnd.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void noListingIsKeptOnceItsCallersHaveTakenIt() {
    SharedRefListings shared = new SharedRefListings(source -> listing(1), WAIT);

    shared.listRefs(SOURCE);
    shared.listRefs(Source.of(SourceName.of("other"), "https://git.example.com/other.git"));

    assertThat(shared.kept()).isZero();
  }

  @Test
  void aListingInterruptedInItsThreadLetsTheWaitingCallersListAgain() throws Exception {
    AtomicInteger listings = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    SharedRefListings shared =
        new SharedRefListings(
            source -> {
              int n = listings.incrementAndGet();
              if (n == 1) {
                firstStarted.countDown();
                try {
                  new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                  // As JGit does: the interrupt becomes a transport failure.
                  throw new IllegalStateException("listing interrupted", e);
                }
              }
              return listing(n);
            },
            WAIT);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Map<String, Ref>> first = pool.submit(() -> shared.listRefs(SOURCE));
      assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
      List<Thread> waiting = new ArrayList<>();
      Future<Map<String, Ref>> second =
          pool.submit(
              () -> {
                synchronized (waiting) {
                  waiting.add(Thread.currentThread());
                }
                return shared.listRefs(SOURCE);
              });
      awaitAllWaiting(waiting, 1);

      first.cancel(true);

      assertThat(listed(second.get(30, TimeUnit.SECONDS))).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean waiting(Thread thread) {
    return thread.getState() == Thread.State.WAITING
        || thread.getState() == Thread.State.TIMED_WAITING;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Until every caller has arrived and waits inside {@link SharedRefListings#listRefs}. */
  private static void awaitAllWaiting(List<Thread> threads, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      synchronized (threads) {
        if (threads.size() == count && threads.stream().allMatch(SharedRefListingsTest::waiting)) {
          return;
        }
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("the callers did not all wait");
  }
}
