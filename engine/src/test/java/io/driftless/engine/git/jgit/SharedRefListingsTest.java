package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
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
            });
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
    SharedRefListings shared = new SharedRefListings(source -> listing(listings.incrementAndGet()));

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
            });

    assertThatThrownBy(() -> shared.listRefs(SOURCE)).hasMessage("unreachable");
    assertThat(listed(shared.listRefs(SOURCE))).isEqualTo(2);
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
        if (threads.size() == count
            && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
          return;
        }
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("the callers did not all wait");
  }
}
