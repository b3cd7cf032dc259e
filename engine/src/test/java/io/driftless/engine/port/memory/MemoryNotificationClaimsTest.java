package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.NotificationClaimsContract;
import java.time.Clock;

class MemoryNotificationClaimsTest extends NotificationClaimsContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
